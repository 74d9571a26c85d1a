const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

// E-mail addresses are kept as given, but two spellings that differ only in case are the
// same account (and the same address for the login attempt limit).
function createApp() {
  const app = express();
  app.use(express.json());
  const db = new Database(process.env.DATABASE_PATH);
  db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL)');
  db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, text TEXT NOT NULL)');

  const attempts = {};
  const WINDOW = 15 * 60 * 1000;
  let dummy;
  bcrypt.hash('dummy-password', 10, (err, h) => { dummy = h; });

  app.post('/signup', (req, res, next) => {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || (email.match(/@/g) || []).length !== 1 || email.startsWith('@') || email.endsWith('@')) {
      return res.status(400).json({ error: 'invalid email' });
    }
    if (typeof password !== 'string' || password.length < 8) return res.status(400).json({ error: 'invalid password' });
    if (db.prepare('SELECT id FROM users WHERE email = ?').get(email)) return res.status(409).json({ error: 'email already registered' });
    bcrypt.hash(password, 10, (err, hash) => {
      if (err) return next(err);
      try {
        const info = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)').run(email, hash);
        res.status(201).json({ id: Number(info.lastInsertRowid), email });
      } catch (e) {
        if (e.code === 'SQLITE_CONSTRAINT_UNIQUE') return res.status(409).json({ error: 'email already registered' });
        next(e);
      }
    });
  });

  app.post('/login', (req, res, next) => {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'invalid request' });
    const key = email.toLowerCase();
    const a = attempts[key];
    if (a && a.count >= 5) {
      if (Date.now() < a.until) return res.status(429).json({ error: 'too many attempts' });
      delete attempts[key];
    }
    const user = db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(email);
    bcrypt.compare(password, user ? user.password_hash : dummy || '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinval', (err, same) => {
      if (err) return next(err);
      if (!user || !same) {
        const entry = attempts[key] || (attempts[key] = { count: 0, until: 0 });
        entry.count += 1;
        if (entry.count >= 5) entry.until = Date.now() + WINDOW;
        return res.status(401).json({ error: 'invalid e-mail or password' });
      }
      delete attempts[key];
      res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: 3600 }) });
    });
  });

  function requireUser(req, res, next) {
    const parts = (req.headers.authorization || '').split(' ');
    if (parts.length !== 2 || parts[0] !== 'Bearer' || !parts[1]) return res.status(401).json({ error: 'unauthorized' });
    let payload;
    try {
      payload = jwt.verify(parts[1], process.env.JWT_SECRET, { algorithms: ['HS256'] });
    } catch (e) {
      return res.status(401).json({ error: 'unauthorized' });
    }
    req.userId = payload.sub;
    next();
  }

  const valid = (b) => b && typeof b.text === 'string' && b.text !== '' ? b.text : null;

  app.get('/notes', requireUser, (req, res) => {
    res.json(db.prepare('SELECT id, text FROM notes WHERE user_id = ? ORDER BY id').all(req.userId));
  });
  app.post('/notes', requireUser, (req, res) => {
    const text = valid(req.body);
    if (text === null) return res.status(400).json({ error: 'text is required' });
    const info = db.prepare('INSERT INTO notes (user_id, text) VALUES (?, ?)').run(req.userId, text);
    res.status(201).json({ id: Number(info.lastInsertRowid), text });
  });
  app.get('/notes/:id', requireUser, (req, res) => {
    const note = db.prepare('SELECT id, text FROM notes WHERE id = ? AND user_id = ?').get(req.params.id, req.userId);
    if (!note) return res.status(404).json({ error: 'not found' });
    res.json(note);
  });
  app.put('/notes/:id', requireUser, (req, res) => {
    const text = valid(req.body);
    if (text === null) return res.status(400).json({ error: 'text is required' });
    const r = db.prepare('UPDATE notes SET text = ? WHERE id = ? AND user_id = ?').run(text, req.params.id, req.userId);
    if (r.changes === 0) return res.status(404).json({ error: 'not found' });
    res.json({ id: Number(req.params.id), text });
  });
  app.delete('/notes/:id', requireUser, (req, res) => {
    const r = db.prepare('DELETE FROM notes WHERE id = ? AND user_id = ?').run(req.params.id, req.userId);
    if (r.changes === 0) return res.status(404).json({ error: 'not found' });
    res.status(204).end();
  });

  app.use((err, req, res, next) => res.status(err.status || 500).json({ error: err.status ? 'bad request' : 'server error' }));
  return app;
}

module.exports = { createApp };
