import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { LIMITS } from '@grader/contracts';
import { AddressRefusedError, type AddressPolicy } from './address-policy';
import { hostOf } from './callback-url';
import { guardedLookup } from './guarded-lookup';

/** What one attempt came to: the receiver's status, or the error that stopped it. */
export interface AttemptOutcome {
  statusCode: number | null;
  error: Error | null;
  durationMs: number;
}

/**
 * Sends webhook POSTs through agents that check every address they connect to against the
 * policy. Redirects are not followed (a 3xx is a failed attempt): a redirect could point
 * anywhere, and the receiver's own URL is what the user gave.
 */
export class WebhookClient {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(
    private readonly policy: AddressPolicy,
    private readonly timeoutMs: number = LIMITS.webhooks.timeoutMs,
  ) {
    const lookup = guardedLookup(policy);
    // No keep-alive: a pooled socket would skip the lookup, and with it the check.
    this.agents = { http: new http.Agent({ lookup, keepAlive: false }), https: new https.Agent({ lookup, keepAlive: false }) };
  }

  post(target: string, body: string, headers: Record<string, string>): Promise<AttemptOutcome> {
    const started = performance.now();
    const done = (statusCode: number | null, error: Error | null): AttemptOutcome => ({
      statusCode,
      error,
      durationMs: Math.round(performance.now() - started),
    });
    const url = new URL(target);
    const host = hostOf(url);
    // An IP literal connects without a lookup, so the agent's check would never run: check it here.
    const refused = isIP(host) ? this.policy.refusedKind(host) : undefined;
    if (refused) return Promise.resolve(done(null, new AddressRefusedError(host, `it is ${refused}`)));

    return new Promise((resolve) => {
      const secure = url.protocol === 'https:';
      const request = (secure ? https : http).request(url, {
        method: 'POST',
        agent: secure ? this.agents.https : this.agents.http,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': 'grader-webhooks/1' },
      });
      // One deadline for connecting, sending and the status line; the body after it is not waited for.
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      request.on('response', (response) => {
        clearTimeout(timer);
        resolve(done(response.statusCode ?? null, null));
        // The answer's body is not used; drop it and the connection.
        response.resume();
        response.destroy();
      });
      request.on('error', (err) => {
        clearTimeout(timer);
        resolve(done(null, err));
      });
      request.end(body);
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
