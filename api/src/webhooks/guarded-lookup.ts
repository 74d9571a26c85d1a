import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { AddressRefusedError, type AddressPolicy } from './address-policy';

type Lookup = (hostname: string, options: dns.LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

/**
 * The `lookup` of the webhook agents: resolves as usual, then refuses the connection when
 * any address the name resolved to is not allowed. Checking again here, at connection time,
 * defeats DNS rebinding: a name that resolved to a public address when the submission
 * arrived and to 169.254.169.254 now is refused now. (IP literals never reach a lookup;
 * the deliverer checks those itself.)
 */
export function guardedLookup(policy: AddressPolicy, lookup: Lookup = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      if (!policy.allowsHostName(hostname)) {
        for (const { address } of addresses) {
          const reason = policy.refusal(address);
          if (reason) return callback(new AddressRefusedError(hostname, `it resolves to ${reason}`), '');
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
