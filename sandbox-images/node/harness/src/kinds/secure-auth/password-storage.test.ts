import { createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { classifyPasswordStorage, describeStorage } from './password-storage';

const PASSWORD = 'correct horse battery';

describe('password storage the grader accepts: a slow salted hash in any usual layout', () => {
  it('bcrypt at cost 10 or more', () => {
    expect(classifyPasswordStorage(bcrypt.hashSync(PASSWORD, 10), PASSWORD)).toEqual({ kind: 'slow-hash', scheme: 'bcrypt', cost: 10 });
  });

  it('scrypt at Node defaults, the hex salt used as text, salt first or last, any separator', () => {
    const salt = randomBytes(16).toString('hex');
    const hash = scryptSync(PASSWORD, salt, 64).toString('hex');
    for (const stored of [`${salt}:${hash}`, `${hash}.${salt}`, `scrypt$${salt}$${hash}`]) {
      expect(classifyPasswordStorage(stored, PASSWORD)).toEqual({ kind: 'slow-hash', scheme: 'scrypt', cost: 16384 });
    }
  });

  it('scrypt with the salt as bytes, base64, and a stronger cost it names', () => {
    const salt = randomBytes(16);
    const hash = scryptSync(PASSWORD, salt, 32, { N: 32768, maxmem: 64 * 1024 * 1024 });
    expect(classifyPasswordStorage(`scrypt$32768$${salt.toString('base64')}$${hash.toString('base64')}`, PASSWORD)).toMatchObject({ kind: 'slow-hash', scheme: 'scrypt', cost: 32768 });
  });

  it('PBKDF2 with its iterations in the value (Django layout)', () => {
    const salt = randomBytes(12).toString('hex');
    const hash = pbkdf2Sync(PASSWORD, salt, 150_000, 32, 'sha256').toString('base64');
    expect(classifyPasswordStorage(`pbkdf2_sha256$150000$${salt}$${hash}`, PASSWORD)).toEqual({ kind: 'slow-hash', scheme: 'pbkdf2', cost: 150000 });
  });
  it("werkzeug's generate_password_hash, PBKDF2 (Flask 2.2) and scrypt (later), the salt as text", () => {
    const salt = 'BhImXvgjaAaxU5ES';
    const pbkdf2 = pbkdf2Sync(PASSWORD, salt, 260_000, 32, 'sha256').toString('hex');
    expect(classifyPasswordStorage(`pbkdf2:sha256:260000$${salt}$${pbkdf2}`, PASSWORD)).toEqual({ kind: 'slow-hash', scheme: 'pbkdf2', cost: 260000 });
    const scrypt = scryptSync(PASSWORD, salt, 64, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('hex');
    expect(classifyPasswordStorage(`scrypt:32768:8:1$${salt}$${scrypt}`, PASSWORD)).toEqual({ kind: 'slow-hash', scheme: 'scrypt', cost: 32768 });
  });
  it("passlib's layout, whose adapted base64 writes . for +, and a JSON object in the column", () => {
    for (let i = 0; i < 8; i++) {
      const salt = randomBytes(16);
      const hash = pbkdf2Sync(PASSWORD, salt, 200_000, 32, 'sha256');
      const ab64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '').replace(/\+/g, '.');
      expect(classifyPasswordStorage(`$pbkdf2-sha256$200000$${ab64(salt)}$${ab64(hash)}`, PASSWORD)).toMatchObject({ kind: 'slow-hash', scheme: 'pbkdf2' });
    }
    const salt = randomBytes(16).toString('hex');
    const hash = pbkdf2Sync(PASSWORD, salt, 210_000, 64, 'sha512').toString('hex');
    expect(classifyPasswordStorage(JSON.stringify({ digest: 'sha512', iterations: 210000, salt, hash }), PASSWORD)).toEqual({ kind: 'slow-hash', scheme: 'pbkdf2', cost: 210000 });
    const scryptSalt = randomBytes(16);
    const scryptHash = scryptSync(PASSWORD, scryptSalt, 32, { N: 65536, r: 8, p: 1, maxmem: 128 * 1024 * 1024 });
    const ab64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '').replace(/\+/g, '.');
    expect(classifyPasswordStorage(`$scrypt$ln=16,r=8,p=1$${ab64(scryptSalt)}$${ab64(scryptHash)}`, PASSWORD)).toEqual({ kind: 'slow-hash', scheme: 'scrypt', cost: 65536 });
  });
});

describe('password storage the grader refuses, named', () => {
  it('the password itself, or encoded', () => {
    expect(classifyPasswordStorage(PASSWORD, PASSWORD).kind).toBe('plaintext');
    expect(classifyPasswordStorage(`v1:${PASSWORD}`, PASSWORD).kind).toBe('plaintext');
    expect(classifyPasswordStorage(Buffer.from(PASSWORD).toString('base64'), PASSWORD)).toEqual({ kind: 'encoded', encoding: 'base64' });
    expect(classifyPasswordStorage(Buffer.from(PASSWORD).toString('hex'), PASSWORD)).toEqual({ kind: 'encoded', encoding: 'hex' });
  });

  it('an unsalted fast digest, in hex or base64', () => {
    expect(classifyPasswordStorage(createHash('sha256').update(PASSWORD).digest('hex'), PASSWORD)).toEqual({ kind: 'fast-hash', algorithm: 'sha256' });
    expect(classifyPasswordStorage(createHash('md5').update(PASSWORD).digest('base64'), PASSWORD)).toEqual({ kind: 'fast-hash', algorithm: 'md5' });
  });

  it('a salted fast digest: nothing slow to recompute', () => {
    const salt = randomBytes(16).toString('hex');
    expect(classifyPasswordStorage(`${salt}:${createHash('sha256').update(salt + PASSWORD).digest('hex')}`, PASSWORD).kind).toBe('unrecognised');
  });

  it('bcrypt below cost 10, PBKDF2 below 100,000 iterations', () => {
    expect(classifyPasswordStorage(bcrypt.hashSync(PASSWORD, 4), PASSWORD)).toEqual({ kind: 'weak-slow-hash', scheme: 'bcrypt', cost: 4, minimum: 10 });
    const salt = randomBytes(16).toString('hex');
    expect(classifyPasswordStorage(`${salt}$1000$${pbkdf2Sync(PASSWORD, salt, 1000, 64, 'sha512').toString('hex')}`, PASSWORD)).toMatchObject({ kind: 'weak-slow-hash', scheme: 'pbkdf2', cost: 1000 });
  });

  it('a slow hash of another password', () => {
    expect(classifyPasswordStorage(bcrypt.hashSync('another one', 10), PASSWORD).kind).toBe('unrecognised');
  });

  it('says what it found in words', () => {
    expect(describeStorage({ kind: 'fast-hash', algorithm: 'sha256' })).toMatch(/unsalted sha256/);
    expect(describeStorage({ kind: 'weak-slow-hash', scheme: 'pbkdf2', cost: 1000, minimum: 100000 })).toMatch(/1000 iterations/);
  });
});
