import { createHmac } from 'node:crypto';
import { decodeToken, forgeToken, signedWith, withPayload } from './jwt';

describe('forged tokens', () => {
  it('signs HS256 over the first two parts as RFC 7515 says, the key taken as text', () => {
    const token = forgeToken({ sub: 1 }, { key: 'k' });
    const [head, body, sig] = token.split('.');
    expect(JSON.parse(Buffer.from(head!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(body!, 'base64url').toString())).toEqual({ sub: 1 });
    expect(sig).toBe(createHmac('sha256', 'k').update(`${head}.${body}`).digest('base64url'));
  });

  it('leaves the signature empty for alg none and needs no key', () => {
    const token = forgeToken({ sub: 1 }, { alg: 'none' });
    expect(token.endsWith('.')).toBe(true);
    expect(decodeToken(token)?.header.alg).toBe('none');
  });

  it('lets a test put any header field, the alg included', () => {
    expect(decodeToken(forgeToken({}, { key: 'k', header: { kid: '../../x', alg: 'HS512' } }))?.header).toEqual({ alg: 'HS512', typ: 'JWT', kid: '../../x' });
  });

  it('keeps header and signature when the payload is replaced', () => {
    const token = forgeToken({ sub: 1 }, { key: 'k' });
    const tampered = withPayload(token, { sub: 2 });
    expect(tampered.split('.')[0]).toBe(token.split('.')[0]);
    expect(tampered.split('.')[2]).toBe(token.split('.')[2]);
    expect(decodeToken(tampered)?.payload).toEqual({ sub: 2 });
    expect(signedWith(tampered, 'k')).toBe(false);
  });
});

describe('checking a token', () => {
  it('accepts the key it was signed with under each HMAC algorithm', () => {
    for (const alg of ['HS256', 'HS384', 'HS512'] as const) expect(signedWith(forgeToken({ a: 1 }, { key: 'secret', alg }), 'secret')).toBe(true);
  });

  it('refuses another key, alg none and anything that is not a JWT', () => {
    expect(signedWith(forgeToken({ a: 1 }, { key: 'other' }), 'secret')).toBe(false);
    expect(signedWith(forgeToken({ a: 1 }, { alg: 'none' }), 'secret')).toBe(false);
    expect(signedWith('abc', 'secret')).toBe(false);
    expect(decodeToken('a.b')).toBeUndefined();
    expect(decodeToken(`${Buffer.from('[1]').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.x`)).toBeUndefined();
    expect(decodeToken(42)).toBeUndefined();
  });
});
