import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './signature';

describe('webhook signatures', () => {
  const secret = 'gr_whs_test-secret';
  const body = '{"id":"x","status":"graded"}';

  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1700000000, body)).toBe(`v1=${expected}`);
  });

  it('verifies a fresh signature, and refuses another body, another secret or an old timestamp', () => {
    const now = 1700000000 * 1000;
    const signature = signWebhook(secret, 1700000000, body);
    expect(verifyWebhook(secret, signature, '1700000000', body, 300, now)).toBe(true);
    expect(verifyWebhook(secret, signature, '1700000000', `${body} `, 300, now)).toBe(false);
    expect(verifyWebhook('gr_whs_other', signature, '1700000000', body, 300, now)).toBe(false);
    expect(verifyWebhook(secret, signature, '1700000000', body, 300, now + 301_000)).toBe(false);
    expect(verifyWebhook(secret, signature, '17e8', body, 300, now)).toBe(false);
  });
});
