import fs from 'node:fs';
import path from 'node:path';
import { LIMITS } from '@grader/contracts';
import { openDatabase } from './database';
import { sha256 } from '../auth/secrets';
import { UserStore } from './user-store';

describe('the API database', () => {
  it('hands back one prepared statement per SQL text, and the statements still answer right', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    expect(db.prepare('INSERT INTO t VALUES (?)')).toBe(insert);
    for (const n of [1, 2, 3]) db.prepare('INSERT INTO t VALUES (?)').run(n);
    expect(db.prepare('SELECT sum(n) AS s FROM t').get()).toEqual({ s: 6 });
    expect(db.prepare('SELECT n FROM t WHERE n > ? ORDER BY n').all(1)).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('keeps at most the configured number of statements, dropping the least recently used', () => {
    const db = openDatabase(':memory:');
    const first = db.prepare('SELECT 0');
    for (let i = 1; i <= LIMITS.store.preparedStatements; i++) db.prepare(`SELECT ${i}`);
    expect(db.prepare('SELECT 0')).not.toBe(first);
    expect(db.prepare(`SELECT ${LIMITS.store.preparedStatements}`).get()).toEqual({ [String(LIMITS.store.preparedStatements)]: LIMITS.store.preparedStatements });
  });

  it("has no store that changes a statement's mode, which would stick to the statement every caller shares", () => {
    const stores = [path.join(__dirname), path.join(__dirname, '../authoring')].flatMap((dir) =>
      fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')),
    );
    for (const source of stores) expect(source).not.toMatch(/(?<!express)\.(pluck|raw|expand|safeIntegers|iterate)\(/);
  });
});

describe("a token's last use", () => {
  it('is written on first use and then at most once per period', () => {
    const db = openDatabase(':memory:');
    const users = new UserStore(db);
    const user = users.create({ username: 'ana', displayName: 'Ana', role: 'student' });
    const token = users.issueToken(user.id, 'cli');
    const lastUsed = () => (db.prepare('SELECT last_used_at AS at FROM api_tokens').get() as { at: string | null }).at;
    const t0 = new Date('2026-12-01T10:00:00Z');
    expect(users.userForToken(token, t0)?.id).toBe(user.id);
    expect(lastUsed()).toBe(t0.toISOString());
    users.userForToken(token, new Date(t0.getTime() + LIMITS.store.tokenLastUsedEveryMs - 1));
    expect(lastUsed()).toBe(t0.toISOString());
    const later = new Date(t0.getTime() + LIMITS.store.tokenLastUsedEveryMs);
    users.userForToken(token, later);
    expect(lastUsed()).toBe(later.toISOString());
  });
});

describe("a token's user", () => {
  const t0 = new Date('2026-12-01T10:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('is answered from memory for LIMITS.store.tokenCacheMs after it was read, then read again (a revocation elsewhere takes effect within that time)', () => {
    const db = openDatabase(':memory:');
    const users = new UserStore(db);
    const user = users.create({ username: 'ana', displayName: 'Ana', role: 'student' });
    const token = users.issueToken(user.id, 'cli');
    expect(users.userForToken(token, t0)?.id).toBe(user.id);
    db.prepare('UPDATE api_tokens SET revoked_at = ?').run(t0.toISOString()); // as another API host would
    expect(users.userForToken(token, at(LIMITS.store.tokenCacheMs - 1))?.id).toBe(user.id);
    expect(users.userForToken(token, at(LIMITS.store.tokenCacheMs))).toBeUndefined();
  });

  it('is not remembered as unknown: a token stored a moment after a failed attempt works at once', () => {
    const db = openDatabase(':memory:');
    const users = new UserStore(db);
    const user = users.create({ username: 'ana', displayName: 'Ana', role: 'student' });
    const token = 'gr_tok_' + 'a'.repeat(43);
    expect(users.userForToken(token, t0)).toBeUndefined();
    db.prepare(`INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, 'cli', ?)`).run(sha256(token), user.id, t0.toISOString());
    expect(users.userForToken(token, t0)?.id).toBe(user.id);
  });

  it('is one frozen object shared by the requests that read it from memory', () => {
    const db = openDatabase(':memory:');
    const users = new UserStore(db);
    const token = users.issueToken(users.create({ username: 'ana', displayName: 'Ana', role: 'student' }).id, 'cli');
    const first = users.userForToken(token, t0)!;
    expect(users.userForToken(token, at(1))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
