import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Grader-Signature: v1=<hex>`: HMAC-SHA256, keyed with the submitting user's webhook
 * secret, over `<X-Grader-Timestamp>.<raw body>`. Signing the timestamp with the body lets
 * a receiver refuse a replayed old delivery; `v1=` leaves room for another scheme later.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: same HMAC, compared in constant time, and a timestamp no older than `toleranceSeconds`. */
export function verifyWebhook(secret: string, signature: string, timestamp: string, body: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - seconds) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, seconds, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
