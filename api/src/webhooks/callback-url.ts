import dns from 'node:dns/promises';
import { isIP } from 'node:net';
import { LIMITS } from '@grader/contracts';
import type { AddressPolicy } from './address-policy';

/** Every address a host name resolves to, as the system resolver (and so the HTTP agent) sees it. */
export type ResolveHost = (host: string) => Promise<string[]>;

export const resolveHost: ResolveHost = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** A URL's host as resolvers and ipaddr.js want it: IPv6 literals without their brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Why a callback URL is refused, as a message for the field error, or undefined when it is
 * accepted. The checks that need no network come first, so a URL with credentials or a
 * `file:` scheme is refused without resolving anything. Then every address the host resolves
 * to must be allowed: a name with one private address among public ones is refused.
 */
export async function callbackUrlProblem(
  raw: string,
  policy: AddressPolicy,
  resolve: ResolveHost = resolveHost,
  timeoutMs: number = LIMITS.webhooks.resolveTimeoutMs,
): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be an http or https URL, not ${url.protocol}`;
  if (url.username || url.password) return 'must not contain credentials; verify deliveries with the X-Grader-Signature header instead';
  const host = hostOf(url);
  if (!host) return 'has no host';
  if (policy.allowsHostName(host)) return undefined;
  if (isIP(host)) {
    const refusal = policy.refusal(host);
    return refusal && `points at ${refusal}; webhooks go to public addresses only`;
  }
  let addresses: string[];
  try {
    addresses = await withTimeout(resolve(host), timeoutMs);
  } catch (err) {
    return `has a host that does not resolve (${(err as { code?: string }).code ?? (err as Error).message})`;
  }
  if (addresses.length === 0) return 'has a host with no address';
  for (const address of addresses) {
    const refusal = policy.refusal(address);
    if (refusal) return `has a host that resolves to ${refusal}; webhooks go to public addresses only`;
  }
  return undefined;
}
