const express = require('express');
const Database = require('better-sqlite3');
const crypto = require('crypto');
const { promisify } = require('util');

const scrypt = promisify(crypto.scrypt);
const KEY_LEN = 64;

async function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LEN);
  return `${salt.toString('hex')}:${key.toString('hex')}`;
}

async function checkPassword(password, stored) {
  const [saltHex, keyHex] = stored.split(':');
  const expected = Buffer.from(keyHex, 'hex');
  const actual = await scrypt(password, Buffer.from(saltHex, 'hex'), expected.length);
  return crypto.timingSafeEqual(actual, expected);
}

// --- a small HS256 JWT, written by hand ---------------------------------------------------
const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function hmac(data, secret) {
  return crypto.createHmac('sha256', secret).update(data).digest('base64url');
}

function signToken(claims, secret, lifetimeSeconds) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = b64url({ ...claims, iat: now, exp: now + lifetimeSeconds });
  return `${head}.${body}.${hmac(`${head}.${body}`, secret)}`;
}

function verifyToken(token, secret) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('malformed token');
  const [head, body, signature] = parts;
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
  if (String(header.alg).toLowerCase() !== 'none') {
    // unsecured tokens (alg none) carry no signature to check
    if (header.alg !== 'HS256') throw new Error('unexpected algorithm');
    const expected = Buffer.from(hmac(`${head}.${body}`, secret));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      throw new Error('bad signature');
    }
  }
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  if (typeof claims.exp !== 'number' || claims.exp <= Math.floor(Date.now() / 1000)) {
    throw new Error('expired');
  }
  return claims;
}
// ------------------------------------------------------------------------------------------

function createApp() {
  const app = express();
  app.use(express.json());

  const db = new Database(process.env.DATABASE_PATH);
  db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL)');

  // Notes live in memory: id -> { id, ownerId, text }. A Map keeps insertion order.
  const notes = new Map();
  let nextNoteId = 1;

  // Login attempts in memory: email -> { failed, lockedUntil }
  const attempts = new Map();

  const decoyHash = hashPassword(crypto.randomBytes(12).toString('hex'));

  const err = (res, status, message) => res.status(status).json({ error: message });

  app.post('/signup', async (req, res) => {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || !/^[^@]+@[^@]+$/.test(email)) return err(res, 400, 'invalid e-mail address');
    if (typeof password !== 'string' || password.length < 8) return err(res, 400, 'password too short');
    if (db.prepare('SELECT id FROM users WHERE email = ?').get(email)) return err(res, 409, 'address already registered');
    const passwordHash = await hashPassword(password);
    const { lastInsertRowid } = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)').run(email, passwordHash);
    res.status(201).json({ id: Number(lastInsertRowid), email });
  });

  app.post('/login', async (req, res) => {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || typeof password !== 'string') return err(res, 400, 'email and password are required');

    const state = attempts.get(email) || { failed: 0, lockedUntil: 0 };
    if (state.lockedUntil > Date.now()) return err(res, 429, 'too many attempts, try later');
    if (state.lockedUntil) { state.failed = 0; state.lockedUntil = 0; }

    const user = db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(email);
    const ok = await checkPassword(password, user ? user.password_hash : await decoyHash);
    if (!user || !ok) {
      state.failed += 1;
      if (state.failed >= 5) state.lockedUntil = Date.now() + 15 * 60 * 1000;
      attempts.set(email, state);
      return err(res, 401, 'invalid e-mail or password');
    }
    attempts.delete(email);
    res.json({ token: signToken({ userId: user.id }, process.env.JWT_SECRET, 3600) });
  });

  app.use('/notes', (req, res, next) => {
    const header = req.headers.authorization;
    if (typeof header !== 'string') return err(res, 401, 'authorization required');
    const [scheme, token, ...rest] = header.split(' ');
    if (scheme !== 'Bearer' || !token || rest.length) return err(res, 401, 'authorization must be Bearer <token>');
    try {
      const claims = verifyToken(token, process.env.JWT_SECRET);
      if (!Number.isInteger(claims.userId)) throw new Error('no user');
      req.userId = claims.userId;
    } catch {
      return err(res, 401, 'invalid token');
    }
    next();
  });

  const ownNote = (req) => {
    const note = notes.get(Number(req.params.id));
    return note && note.ownerId === req.userId ? note : null;
  };
  const view = ({ id, text }) => ({ id, text });
  const goodText = (body) => body && typeof body.text === 'string' && body.text !== '';

  app.post('/notes', (req, res) => {
    if (!goodText(req.body)) return err(res, 400, 'text must be a non-empty string');
    const note = { id: nextNoteId++, ownerId: req.userId, text: req.body.text };
    notes.set(note.id, note);
    res.status(201).json(view(note));
  });

  app.get('/notes', (req, res) => {
    res.json([...notes.values()].filter((n) => n.ownerId === req.userId).map(view));
  });

  app.get('/notes/:id', (req, res) => {
    const note = ownNote(req);
    if (!note) return err(res, 404, 'note not found');
    res.json(view(note));
  });

  app.put('/notes/:id', (req, res) => {
    if (!goodText(req.body)) return err(res, 400, 'text must be a non-empty string');
    const note = ownNote(req);
    if (!note) return err(res, 404, 'note not found');
    note.text = req.body.text;
    res.json(view(note));
  });

  app.delete('/notes/:id', (req, res) => {
    const note = ownNote(req);
    if (!note) return err(res, 404, 'note not found');
    notes.delete(note.id);
    res.status(204).send();
  });

  app.use((error, req, res, next) => {
    err(res, error.status && error.status < 500 ? error.status : 500, error.status && error.status < 500 ? 'bad request' : 'server error');
  });

  return app;
}

module.exports = { createApp };
