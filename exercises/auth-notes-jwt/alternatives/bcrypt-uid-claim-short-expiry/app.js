const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

const BCRYPT_COST = 12;

function httpError(status, message) {
  const e = new Error(message);
  e.status = status;
  return e;
}

function createApp() {
  const app = express();
  app.use(express.json());

  const db = new Database(process.env.DATABASE_PATH);
  db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL)');
  db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, text TEXT NOT NULL)');

  const stmts = {
    findUser: db.prepare('SELECT * FROM users WHERE email = ?'),
    addUser: db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)'),
    addNote: db.prepare('INSERT INTO notes (user_id, text) VALUES (?, ?)'),
    notesOf: db.prepare('SELECT id, text FROM notes WHERE user_id = ? ORDER BY id'),
    note: db.prepare('SELECT id, user_id, text FROM notes WHERE id = ?'),
    setText: db.prepare('UPDATE notes SET text = ? WHERE id = ?'),
    removeNote: db.prepare('DELETE FROM notes WHERE id = ?'),
  };

  const FAKE_HASH = bcrypt.hashSync('x'.repeat(16), bcrypt.genSaltSync(BCRYPT_COST));

  const loginGuard = {
    state: new Map(),
    blocked(email) {
      const s = this.state.get(email);
      if (!s || !s.lockedAt) return false;
      if (Date.now() - s.lockedAt < 15 * 60 * 1000) return true;
      this.state.delete(email);
      return false;
    },
    failed(email) {
      const s = this.state.get(email) || { count: 0, lockedAt: null };
      s.count++;
      if (s.count >= 5) s.lockedAt = Date.now();
      this.state.set(email, s);
    },
    succeeded(email) {
      this.state.delete(email);
    },
  };

  app.post('/signup', (req, res) => {
    const body = req.body || {};
    const email = body.email;
    const password = body.password;
    if (typeof email !== 'string') throw httpError(400, 'email must be a string');
    const at = email.split('@');
    if (at.length !== 2 || !at[0] || !at[1]) throw httpError(400, 'email must contain one @');
    if (typeof password !== 'string' || password.length < 8) throw httpError(400, 'password needs 8+ characters');
    if (stmts.findUser.get(email)) throw httpError(409, 'already registered');
    const hash = bcrypt.hashSync(password, bcrypt.genSaltSync(BCRYPT_COST));
    const id = Number(stmts.addUser.run(email, hash).lastInsertRowid);
    res.status(201).json({ id, email });
  });

  app.post('/login', (req, res) => {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || typeof password !== 'string') throw httpError(400, 'email and password must be strings');
    if (loginGuard.blocked(email)) throw httpError(429, 'too many failed logins; try again in 15 minutes');
    const user = stmts.findUser.get(email);
    const valid = bcrypt.compareSync(password, user ? user.password_hash : FAKE_HASH);
    if (!user || !valid) {
      loginGuard.failed(email);
      throw httpError(401, 'invalid e-mail or password');
    }
    loginGuard.succeeded(email);
    const token = jwt.sign({ uid: user.id }, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '15m' });
    res.json({ token });
  });

  // RFC 6750: the scheme name is case-insensitive ("Bearer", "bearer").
  app.use('/notes', (req, res, next) => {
    const m = /^bearer +([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(req.headers.authorization || '');
    if (!m) throw httpError(401, 'missing or malformed bearer token');
    let claims;
    try {
      claims = jwt.verify(m[1], process.env.JWT_SECRET, { algorithms: ['HS256'] });
    } catch {
      throw httpError(401, 'invalid token');
    }
    if (!Number.isInteger(claims.uid)) throw httpError(401, 'invalid token');
    req.uid = claims.uid;
    next();
  });

  function requireText(body) {
    if (!body || typeof body.text !== 'string' || body.text.length === 0) throw httpError(400, 'text must be a non-empty string');
    return body.text;
  }

  function ownedNote(req) {
    const note = /^\d+$/.test(req.params.id) ? stmts.note.get(Number(req.params.id)) : undefined;
    if (!note || note.user_id !== req.uid) throw httpError(404, 'note not found');
    return note;
  }

  app.post('/notes', (req, res) => {
    const text = requireText(req.body);
    const id = Number(stmts.addNote.run(req.uid, text).lastInsertRowid);
    res.status(201).json({ id, text });
  });

  app.get('/notes', (req, res) => {
    res.json(stmts.notesOf.all(req.uid));
  });

  app.get('/notes/:id', (req, res) => {
    const note = ownedNote(req);
    res.json({ id: note.id, text: note.text });
  });

  app.put('/notes/:id', (req, res) => {
    const note = ownedNote(req);
    const text = requireText(req.body);
    stmts.setText.run(text, note.id);
    res.json({ id: note.id, text });
  });

  app.delete('/notes/:id', (req, res) => {
    const note = ownedNote(req);
    stmts.removeNote.run(note.id);
    res.status(204).end();
  });

  app.use((err, req, res, next) => {
    const status = err.status || err.statusCode || 500;
    if (status >= 500) console.error(err);
    res.status(status).json({ error: status >= 500 ? 'internal error' : err.message });
  });

  return app;
}

module.exports = { createApp };
