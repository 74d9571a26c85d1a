import type dns from 'node:dns';
import { AddressPolicy, AddressRefusedError } from './address-policy';
import { guardedLookup } from './guarded-lookup';

/** A fake resolver whose answer changes between calls, as a rebinding DNS server's would. */
function rebinding(...answers: string[][]) {
  let call = 0;
  return (_host: string, _options: dns.LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => {
    const answer = answers[Math.min(call++, answers.length - 1)]!;
    callback(null, answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
}

function lookupOnce(lookup: ReturnType<typeof guardedLookup>, host: string, all = false) {
  return new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
    lookup(host, { all }, (err, address, family) => resolve({ err, address, family })),
  );
}

describe('the lookup the webhook agents connect with', () => {
  it('refuses at connection time a name that now resolves to a metadata address (DNS rebinding)', async () => {
    const lookup = guardedLookup(new AddressPolicy(), rebinding(['93.184.215.14'], ['169.254.169.254']));
    expect(await lookupOnce(lookup, 'hooks.test')).toEqual({ err: null, address: '93.184.215.14', family: 4 });
    const second = await lookupOnce(lookup, 'hooks.test');
    expect(second.err).toBeInstanceOf(AddressRefusedError);
    expect(second.err?.message).toMatch(/^refused to connect to hooks\.test: it resolves to 169\.254\.169\.254, a link-local address/);
  });

  it('answers in the shape asked for: one address, or all of them', async () => {
    const lookup = guardedLookup(new AddressPolicy(), rebinding(['93.184.215.14', '2606:4700:4700::1111']));
    expect((await lookupOnce(lookup, 'x.test', true)).address).toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
  });

  it('refuses IPv4-mapped loopback and lets allow-listed addresses and names through', async () => {
    expect((await lookupOnce(guardedLookup(new AddressPolicy(), rebinding(['::ffff:127.0.0.1'])), 'x.test')).err).toBeInstanceOf(AddressRefusedError);
    expect((await lookupOnce(guardedLookup(new AddressPolicy(['127.0.0.1']), rebinding(['127.0.0.1'])), 'x.test')).err).toBeNull();
    expect((await lookupOnce(guardedLookup(new AddressPolicy(['x.test']), rebinding(['10.0.0.1'])), 'x.test')).err).toBeNull();
  });

  it('uses the system resolver by default (localhost from /etc/hosts is loopback, so refused)', async () => {
    const { err } = await lookupOnce(guardedLookup(new AddressPolicy()), 'localhost');
    expect(err).toBeInstanceOf(AddressRefusedError);
  });
});
