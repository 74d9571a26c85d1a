'use strict';
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');

const pbkdf2 = promisify(crypto.pbkdf2);
const ITERATIONS = 210000;
const DIGEST = 'sha256';

// Django-style layout: pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>
async function makePasswordHash(password) {
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = await pbkdf2(password, salt, ITERATIONS, 32, DIGEST);
  return `pbkdf2_${DIGEST}$${ITERATIONS}$${salt}$${hash.toString('hex')}`;
}

async function passwordMatches(password, stored) {
  const [algo, iterations, salt, hashHex] = stored.split('$');
  const digest = algo.replace(/^pbkdf2_/, '');
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await pbkdf2(password, salt, Number(iterations), expected.length, digest);
  return crypto.timingSafeEqual(actual, expected);
}

function createApp() {
  const db = new Database(process.env.DATABASE_PATH);
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      password_hash TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS notes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id INTEGER NOT NULL,
      text TEXT NOT NULL,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now'))
    );
    CREATE TABLE IF NOT EXISTS failed_logins (
      email TEXT NOT NULL,
      at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS lockouts (
      email TEXT PRIMARY KEY,
      until INTEGER NOT NULL
    );
  `);

  const dummy = makePasswordHash('dummy password for unknown users');

  const app = express();
  app.use(express.json());

  const fail = (res, status, error) => res.status(status).json({ error });

  app.post('/signup', async (req, res, next) => {
    try {
      const body = req.body ?? {};
      const email = body.email;
      const password = body.password;
      const at = typeof email === 'string' ? email.indexOf('@') : -1;
      const oneAt = at > 0 && at === email.lastIndexOf('@') && at < email.length - 1;
      if (!oneAt) return fail(res, 400, 'email must look like name@domain');
      if (typeof password !== 'string' || password.length < 8) return fail(res, 400, 'password must have 8 characters or more');
      const exists = db.prepare('SELECT COUNT(*) AS n FROM users WHERE email = ?').get(email).n > 0;
      if (exists) return fail(res, 409, 'an account with this e-mail already exists');
      const passwordHash = await makePasswordHash(password);
      const result = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)').run(email, passwordHash);
      return res.status(201).json({ id: Number(result.lastInsertRowid), email });
    } catch (e) {
      return next(e);
    }
  });

  const isLocked = (email, now) => {
    const row = db.prepare('SELECT until FROM lockouts WHERE email = ?').get(email);
    return row && row.until > now;
  };

  const recordFailure = db.transaction((email, now) => {
    db.prepare('INSERT INTO failed_logins (email, at) VALUES (?, ?)').run(email, now);
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM failed_logins WHERE email = ?').get(email);
    if (n >= 5) {
      db.prepare('INSERT OR REPLACE INTO lockouts (email, until) VALUES (?, ?)').run(email, now + 15 * 60 * 1000);
      db.prepare('DELETE FROM failed_logins WHERE email = ?').run(email);
    }
  });

  const resetFailures = db.transaction((email) => {
    db.prepare('DELETE FROM failed_logins WHERE email = ?').run(email);
    db.prepare('DELETE FROM lockouts WHERE email = ?').run(email);
  });

  app.post('/login', async (req, res, next) => {
    try {
      const { email, password } = req.body ?? {};
      if (typeof email !== 'string' || typeof password !== 'string') {
        return fail(res, 400, 'email and password must be strings');
      }
      const now = Date.now();
      if (isLocked(email, now)) return fail(res, 429, 'this address is locked for 15 minutes after 5 failed logins');

      const user = db.prepare('SELECT * FROM users WHERE email = ?').get(email);
      const good = await passwordMatches(password, user ? user.password_hash : await dummy);
      if (!user || !good) {
        recordFailure(email, now);
        return fail(res, 401, 'invalid e-mail or password');
      }
      resetFailures(email);
      const token = jwt.sign({}, process.env.JWT_SECRET, {
        algorithm: 'HS256',
        subject: String(user.id),
        expiresIn: 60 * 60,
      });
      return res.json({ token });
    } catch (e) {
      return next(e);
    }
  });

  function auth(req, res, next) {
    const header = req.header('Authorization') || '';
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token || header.split(' ').length !== 2) {
      return fail(res, 401, 'send Authorization: Bearer <token>');
    }
    jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] }, (error, claims) => {
      if (error) return fail(res, 401, 'invalid token');
      req.userId = parseInt(claims.sub, 10);
      if (Number.isNaN(req.userId)) return fail(res, 401, 'invalid token');
      next();
    });
  }

  const parseId = (raw) => (/^[0-9]+$/.test(raw) ? parseInt(raw, 10) : null);
  const textOk = (b) => b && typeof b.text === 'string' && b.text.length > 0;

  app.post('/notes', auth, (req, res) => {
    if (!textOk(req.body)) return fail(res, 400, 'text must be a non-empty string');
    const { lastInsertRowid } = db.prepare('INSERT INTO notes (user_id, text) VALUES (?, ?)').run(req.userId, req.body.text);
    res.status(201).json({ id: Number(lastInsertRowid), text: req.body.text });
  });

  app.get('/notes', auth, (req, res) => {
    const rows = db.prepare('SELECT id, text FROM notes WHERE user_id = ? ORDER BY created_at, id').all(req.userId);
    res.json(rows);
  });

  app.get('/notes/:id', auth, (req, res) => {
    const row = db.prepare('SELECT id, text FROM notes WHERE id = ? AND user_id = ?').get(parseId(req.params.id), req.userId);
    return row ? res.json(row) : fail(res, 404, 'note not found');
  });

  app.put('/notes/:id', auth, (req, res) => {
    if (!textOk(req.body)) return fail(res, 400, 'text must be a non-empty string');
    const id = parseId(req.params.id);
    const { changes } = db.prepare('UPDATE notes SET text = ? WHERE id = ? AND user_id = ?').run(req.body.text, id, req.userId);
    if (!changes) return fail(res, 404, 'note not found');
    res.json({ id, text: req.body.text });
  });

  app.delete('/notes/:id', auth, (req, res) => {
    const { changes } = db.prepare('DELETE FROM notes WHERE id = ? AND user_id = ?').run(parseId(req.params.id), req.userId);
    if (!changes) return fail(res, 404, 'note not found');
    res.status(204).end();
  });

  app.use((error, req, res, next) => {
    if (error instanceof SyntaxError || error.type === 'entity.parse.failed') return fail(res, 400, 'malformed JSON');
    console.error(error);
    fail(res, 500, 'something went wrong');
  });

  return app;
}

module.exports = { createApp };
