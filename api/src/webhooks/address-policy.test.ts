import { AddressPolicy, addressRange } from './address-policy';

describe('classifying an address', () => {
  const refusedByDefault: Array<[string, string]> = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['100.64.0.1', 'carrierGradeNat'],
    // IPv4-mapped IPv6 is judged as the IPv4 address inside it.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::7f00:1', 'ipv4Compatible'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['64:ff9b::a00:1', 'rfc6052'], // NAT64 of 10.0.0.1
    ['2002:7f00:1::', '6to4'], // 6to4 of 127.0.0.1
  ];

  it.each(refusedByDefault)('%s is %s and refused by default', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(new AddressPolicy().refusal(address)).toEqual(expect.any(String));
  });

  it.each([['93.184.215.14'], ['8.8.8.8'], ['2606:4700:4700::1111'], ['::ffff:93.184.215.14']])('%s is public and accepted', (address) => {
    expect(addressRange(address)).toBe('unicast');
    expect(new AddressPolicy().refusal(address)).toBeUndefined();
  });

  it('says in words why an address is refused', () => {
    expect(new AddressPolicy().refusal('169.254.169.254')).toMatch(/link-local/);
    expect(new AddressPolicy().refusal('::ffff:127.0.0.1')).toBe('127.0.0.1, a loopback address');
    expect(new AddressPolicy().refusal('not-an-ip')).toBe('"not-an-ip", not an IP address');
    expect(new AddressPolicy().refusedKind('10.0.0.1')).toBe('a private address');
  });
});

describe('the allow-list', () => {
  const policy = new AddressPolicy(['127.0.0.1', '10.1.0.0/16', 'fd00::/8', 'Hooks.LAN']);

  it('lets allow-listed addresses and ranges through, and nothing beside them', () => {
    expect(policy.refusal('127.0.0.1')).toBeUndefined();
    expect(policy.refusal('::ffff:127.0.0.1')).toBeUndefined();
    expect(policy.refusal('127.0.0.2')).toMatch(/loopback/);
    expect(policy.refusal('10.1.200.3')).toBeUndefined();
    expect(policy.refusal('10.2.0.1')).toMatch(/private/);
    expect(policy.refusal('fd00::5')).toBeUndefined();
    expect(policy.refusal('::1')).toMatch(/loopback/);
  });

  it('matches host names without regard to case or a trailing dot', () => {
    expect(policy.allowsHostName('hooks.lan')).toBe(true);
    expect(policy.allowsHostName('HOOKS.lan.')).toBe(true);
    expect(policy.allowsHostName('other.lan')).toBe(false);
  });
});
