const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;
const EMAIL = /^[^@]+@[^@]+$/;

function createApp() {
  const secret = process.env.JWT_SECRET;
  const db = new Database(process.env.DATABASE_PATH);
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL REFERENCES users (id), text TEXT NOT NULL);
  `);
  const failures = new Map(); // email -> { count, lockedUntil }

  const app = express();
  app.use(express.json());
  const fail = (res, status, error) => res.status(status).json({ error });
  const credentials = (body) => body && typeof body.email === 'string' && typeof body.password === 'string';

  app.post('/signup', (req, res) => {
    if (!credentials(req.body) || !EMAIL.test(req.body.email) || req.body.password.length < 8) return fail(res, 400, 'an e-mail address and a password of at least 8 characters are required');
    const { email, password } = req.body;
    if (db.prepare('SELECT 1 FROM users WHERE email = ?').get(email)) return fail(res, 409, 'this e-mail address already has an account');
    const { lastInsertRowid } = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)').run(email, bcrypt.hashSync(password, 10));
    res.status(201).json({ id: Number(lastInsertRowid), email });
  });

  app.post('/login', (req, res) => {
    if (!credentials(req.body)) return fail(res, 400, 'email and password must be strings');
    const { email, password } = req.body;
    let record = failures.get(email);
    if (record && record.lockedUntil > Date.now()) return fail(res, 429, 'too many failed logins: try again later');
    if (record && record.lockedUntil !== 0) record = undefined; // the lock is over: count afresh
    const user = db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(email);
    if (!user || !bcrypt.compareSync(password, user.password_hash)) {
      const count = (record ? record.count : 0) + 1;
      failures.set(email, { count, lockedUntil: count >= MAX_FAILURES ? Date.now() + LOCK_MS : 0 });
      return fail(res, 401, 'invalid e-mail or password');
    }
    failures.delete(email);
    res.json({ token: jwt.sign({ sub: String(user.id) }, secret, { algorithm: 'HS256', expiresIn: '1h' }) });
  });

  function authenticate(req, res, next) {
    const match = /^Bearer ([^\s]+)$/.exec(req.get('authorization') || '');
    if (!match) return fail(res, 401, 'an Authorization: Bearer <token> header is required');
    try {
      const payload = jwt.verify(match[1], secret, { algorithms: ['HS256'] });
      req.userId = Number(payload.sub);
      next();
    } catch {
      fail(res, 401, 'the token is invalid or has expired');
    }
  }

  const note = (row) => ({ id: row.id, text: row.text });
  const ownNote = (req) => (/^\d+$/.test(req.params.id) ? db.prepare('SELECT id, text FROM notes WHERE id = ? AND owner = ?').get(Number(req.params.id), req.userId) : undefined);
  const validText = (body) => body && typeof body.text === 'string' && body.text.length > 0;

  app.use('/notes', authenticate);
  app.post('/notes', (req, res) => {
    if (!validText(req.body)) return fail(res, 400, 'text must be a non-empty string');
    const { lastInsertRowid } = db.prepare('INSERT INTO notes (owner, text) VALUES (?, ?)').run(req.userId, req.body.text);
    res.status(201).json({ id: Number(lastInsertRowid), text: req.body.text });
  });
  app.get('/notes', (req, res) => res.json(db.prepare('SELECT id, text FROM notes WHERE owner = ? ORDER BY id').all(req.userId).map(note)));
  app.get('/notes/:id', (req, res) => {
    const found = ownNote(req);
    return found ? res.json(note(found)) : fail(res, 404, 'no such note');
  });
  app.put('/notes/:id', (req, res) => {
    const found = ownNote(req);
    if (!found) return fail(res, 404, 'no such note');
    if (!validText(req.body)) return fail(res, 400, 'text must be a non-empty string');
    db.prepare('UPDATE notes SET text = ? WHERE id = ?').run(req.body.text, found.id);
    res.json({ id: found.id, text: req.body.text });
  });
  app.delete('/notes/:id', (req, res) => {
    const found = ownNote(req);
    if (!found) return fail(res, 404, 'no such note');
    db.prepare('DELETE FROM notes WHERE id = ?').run(found.id);
    res.status(204).end();
  });

  return app;
}

module.exports = { createApp };
