import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** A webhook target refused by the policy: never worth retrying, unlike a network error. */
export class AddressRefusedError extends Error {
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED';
  constructor(host: string, reason: string) {
    super(`refused to connect to ${host}: ${reason}`);
    this.name = 'AddressRefusedError';
  }
}

/**
 * Ranges ipaddr.js counts as ordinary unicast that must not be targets either:
 * IPv4-compatible IPv6 (::a.b.c.d, deprecated by RFC 4291) can reach IPv4 hosts.
 */
const EXTRA_REFUSED: Array<[string, [Address, number]]> = [['ipv4Compatible', ipaddr.parseCIDR('::/96')]];

const READABLE: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (cloud metadata services live there)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  uniqueLocal: 'a unique-local (private) address',
  reserved: 'a reserved address',
  ipv4Compatible: 'an IPv4-compatible IPv6 address',
};

/**
 * What kind of address this is, in ipaddr.js's words ('unicast' means public). An
 * IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
 */
export function addressRange(address: string): string {
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range !== 'unicast') return range;
  return EXTRA_REFUSED.find(([, cidr]) => matches(parsed, cidr))?.[0] ?? range;
}

function matches(address: Address, range: [Address, number]): boolean {
  return address.kind() === range[0].kind() && address.match(range);
}

/**
 * Which addresses a webhook may be sent to. Only public unicast addresses, unless the
 * operator allow-lists a host name, an address or a range (GRADER_WEBHOOK_ALLOW_HOSTS):
 * a grader inside a private network may need to call a service beside it, and the tests
 * call a receiver on 127.0.0.1.
 */
export class AddressPolicy {
  private readonly hosts = new Set<string>();
  private readonly ranges: Array<[Address, number]> = [];

  constructor(allow: readonly string[] = []) {
    for (const entry of allow.map((e) => e.trim().toLowerCase()).filter(Boolean)) {
      if (entry.includes('/')) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) {
        const address = ipaddr.process(entry);
        this.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else this.hosts.add(entry.replace(/\.$/, ''));
    }
  }

  /** Whether this host name was allow-listed by name: whatever it resolves to is then accepted. */
  allowsHostName(host: string): boolean {
    return this.hosts.has(host.toLowerCase().replace(/\.$/, ''));
  }

  /** What kind of address this is when it may not be a webhook target ("a private address"), or undefined when it may. */
  refusedKind(address: string): string | undefined {
    if (!ipaddr.isValid(address)) return 'not an IP address';
    const parsed = ipaddr.process(address);
    if (this.ranges.some((r) => matches(parsed, r))) return undefined;
    const range = addressRange(address);
    if (range === 'unicast') return undefined;
    return READABLE[range] ?? `not a public address (${range})`;
  }

  /** Why `address` may not be a webhook target ("10.0.0.1, a private address"), or undefined when it may. */
  refusal(address: string): string | undefined {
    const kind = this.refusedKind(address);
    return kind && `${ipaddr.isValid(address) ? ipaddr.process(address).toString() : `"${address}"`}, ${kind}`;
  }
}
