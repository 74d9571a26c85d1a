'use strict';
// No jsonwebtoken: HS256 by hand with crypto.createHmac and timingSafeEqual.
// Passwords: PBKDF2-SHA256, iteration count kept in the stored string:
//   pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>
// Each account has a random `token_key`: a token must carry it, so a token of a removed
// account never matches a later account that reuses the id.
const express = require('express');
const Database = require('better-sqlite3');
const crypto = require('crypto');

const ITERATIONS = 210000;

function pbkdf2(password, salt, iterations, keylen) {
  return new Promise((resolve, reject) =>
    crypto.pbkdf2(password, salt, iterations, keylen, 'sha256', (err, key) => (err ? reject(err) : resolve(key))));
}

async function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const hash = await pbkdf2(password, salt, ITERATIONS, 32);
  return `pbkdf2_sha256$${ITERATIONS}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

async function checkPassword(password, stored) {
  const [scheme, iter, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'pbkdf2_sha256') return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await pbkdf2(password, Buffer.from(saltHex, 'hex'), Number(iter), expected.length);
  return crypto.timingSafeEqual(actual, expected);
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

function signToken(claims, secret) {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const now = Math.floor(Date.now() / 1000);
  const payload = b64url(JSON.stringify({ ...claims, iat: now, exp: now + 3600 }));
  const sig = crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

function verifyToken(token, secret) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts;
  let header, payload;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!header || header.alg !== 'HS256') return null;
  const expected = crypto.createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  if (!payload || typeof payload.exp !== 'number' || payload.exp <= Date.now() / 1000) return null;
  return payload;
}

class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function createApp() {
  const app = express();
  app.use(express.json());

  const db = new Database(process.env.DATABASE_PATH);
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL DEFAULT 'member',
      password_hash TEXT NOT NULL,
      token_key TEXT NOT NULL
    );
  `);

  const publicFields = 'id, email, role';
  const view = (u) => ({ id: u.id, email: u.email, role: u.role });
  let fakeHash;
  const fakeReady = hashPassword('no account has this password').then((h) => { fakeHash = h; });

  app.post('/signup', async (req, res) => {
    const email = req.body?.email;
    const password = req.body?.password;
    if (typeof email !== 'string' || !/^[^@]+@[^@]+$/.test(email)) throw new HttpError(400, 'email is invalid');
    if (typeof password !== 'string' || password.length < 8) throw new HttpError(400, 'password needs 8 characters or more');
    if (db.prepare('SELECT 1 FROM users WHERE email = ?').get(email)) throw new HttpError(409, 'email taken');
    const hash = await hashPassword(password);
    const insert = db.transaction(() => {
      if (db.prepare('SELECT 1 FROM users WHERE email = ?').get(email)) throw new HttpError(409, 'email taken');
      const isFirst = !db.prepare('SELECT 1 FROM users LIMIT 1').get();
      const info = db.prepare('INSERT INTO users (email, role, password_hash, token_key) VALUES (?, ?, ?, ?)')
        .run(email, isFirst ? 'admin' : 'member', hash, crypto.randomBytes(16).toString('hex'));
      return db.prepare(`SELECT ${publicFields} FROM users WHERE id = ?`).get(info.lastInsertRowid);
    });
    res.status(201).json(view(insert()));
  });

  app.post('/login', async (req, res) => {
    const { email, password } = req.body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string') throw new HttpError(400, 'email and password must be strings');
    const user = db.prepare('SELECT * FROM users WHERE email = ?').get(email);
    await fakeReady;
    const good = await checkPassword(password, user ? user.password_hash : fakeHash);
    if (!user || !good) throw new HttpError(401, 'email or password is wrong');
    res.json({ token: signToken({ uid: user.id, key: user.token_key }, process.env.JWT_SECRET) });
  });

  const authenticate = (req, res, next) => {
    const header = req.headers.authorization || '';
    const match = header.match(/^Bearer (\S+)$/);
    if (!match) throw new HttpError(401, 'a bearer token is required');
    const claims = verifyToken(match[1], process.env.JWT_SECRET);
    if (!claims) throw new HttpError(401, 'the token is invalid or expired');
    const user = db.prepare('SELECT id, email, role, token_key FROM users WHERE id = ?').get(claims.uid);
    if (!user || user.token_key !== claims.key) throw new HttpError(401, 'the account no longer exists');
    req.user = user;
    next();
  };

  const mustBeAdmin = (req, res, next) => {
    if (req.user.role !== 'admin') throw new HttpError(403, 'only admins may do this');
    next();
  };

  const findTarget = (idParam) => {
    if (!/^\d+$/.test(idParam)) return undefined;
    return db.prepare(`SELECT ${publicFields} FROM users WHERE id = ?`).get(Number(idParam));
  };

  app.get('/me', authenticate, (req, res) => res.json(view(req.user)));
  app.get('/users', authenticate, mustBeAdmin, (req, res) => {
    res.json(db.prepare(`SELECT ${publicFields} FROM users ORDER BY id`).all().map(view));
  });
  app.put('/users/:id/role', authenticate, mustBeAdmin, (req, res) => {
    const target = findTarget(req.params.id);
    if (!target) throw new HttpError(404, 'no account with this id');
    const role = req.body?.role;
    if (role !== 'admin' && role !== 'member') throw new HttpError(400, 'role is admin or member');
    db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, target.id);
    res.json(view({ ...target, role }));
  });
  app.delete('/users/:id', authenticate, (req, res) => {
    const isSelf = req.params.id === String(req.user.id);
    if (!isSelf && req.user.role !== 'admin') throw new HttpError(403, 'members may only remove themselves');
    const target = findTarget(req.params.id);
    if (!target) throw new HttpError(404, 'no account with this id');
    db.prepare('DELETE FROM users WHERE id = ?').run(target.id);
    res.status(204).send();
  });

  app.use((req, res, next) => next(new HttpError(404, 'no such route')));
  app.use((err, req, res, next) => {
    const status = err instanceof HttpError ? err.status : (err.status >= 400 && err.status < 500 ? err.status : 500);
    res.status(status).json({ error: status === 500 ? 'internal error' : err.message });
  });
  return app;
}

module.exports = { createApp };
