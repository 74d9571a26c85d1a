const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

const MAX_FAILURES = 5;
const JWT_SECRET = 'notes-app-super-secret-key-2024';
const LOCK_MS = 15 * 60 * 1000;

function isValidEmail(email) {
  if (typeof email !== 'string') return false;
  const parts = email.split('@');
  return parts.length === 2 && parts[0].length > 0 && parts[1].length > 0;
}

function createApp() {
  const app = express();
  app.use(express.json());
  const db = new Database(process.env.DATABASE_PATH);
  db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL)');
  db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL REFERENCES users(id), text TEXT NOT NULL)');

  // A hash to compare against when the address is unknown, so both cases take as long.
  const dummyHash = bcrypt.hashSync('not-a-real-password', 10);
  const failures = new Map(); // email -> { count, lockedUntil }

  app.post('/signup', (req, res) => {
    const { email, password } = req.body ?? {};
    if (!isValidEmail(email)) return res.status(400).json({ error: 'invalid e-mail' });
    if (typeof password !== 'string' || password.length < 8) {
      return res.status(400).json({ error: 'password must be at least 8 characters' });
    }
    if (db.prepare('SELECT 1 FROM users WHERE email = ?').get(email)) {
      return res.status(409).json({ error: 'e-mail already registered' });
    }
    const hash = bcrypt.hashSync(password, 10);
    const info = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)').run(email, hash);
    res.status(201).json({ id: Number(info.lastInsertRowid), email });
  });

  app.post('/login', (req, res) => {
    const { email, password } = req.body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string') {
      return res.status(400).json({ error: 'email and password must be strings' });
    }
    const now = Date.now();
    let entry = failures.get(email);
    if (entry && entry.lockedUntil > now) {
      return res.status(429).json({ error: 'too many failed logins, try again later' });
    }
    if (entry && entry.lockedUntil && entry.lockedUntil <= now) {
      failures.delete(email);
      entry = undefined;
    }
    const user = db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(email);
    const ok = bcrypt.compareSync(password, user ? user.password_hash : dummyHash) && !!user;
    if (!ok) {
      const e = entry ?? { count: 0, lockedUntil: 0 };
      e.count += 1;
      if (e.count >= MAX_FAILURES) e.lockedUntil = now + LOCK_MS;
      failures.set(email, e);
      return res.status(401).json({ error: 'invalid e-mail or password' });
    }
    failures.delete(email);
    const token = jwt.sign({ sub: String(user.id) }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
    res.json({ token });
  });

  function requireAuth(req, res, next) {
    const header = req.get('authorization');
    if (!header || !header.startsWith('Bearer ')) {
      return res.status(401).json({ error: 'missing bearer token' });
    }
    const token = header.slice('Bearer '.length).trim();
    if (!token) return res.status(401).json({ error: 'missing bearer token' });
    try {
      const payload = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] });
      const userId = Number(payload.sub);
      if (!Number.isInteger(userId)) throw new Error('bad sub');
      req.userId = userId;
      next();
    } catch {
      res.status(401).json({ error: 'invalid or expired token' });
    }
  }

  const notes = express.Router();
  notes.use(requireAuth);

  function findOwnNote(req) {
    const id = Number(req.params.id);
    if (!Number.isInteger(id)) return undefined;
    return db.prepare('SELECT id, text FROM notes WHERE id = ? AND user_id = ?').get(id, req.userId);
  }

  function validText(body) {
    return body && typeof body.text === 'string' && body.text.length > 0;
  }

  notes.post('/', (req, res) => {
    if (!validText(req.body)) return res.status(400).json({ error: 'text must be a non-empty string' });
    const info = db.prepare('INSERT INTO notes (user_id, text) VALUES (?, ?)').run(req.userId, req.body.text);
    res.status(201).json({ id: Number(info.lastInsertRowid), text: req.body.text });
  });

  notes.get('/', (req, res) => {
    res.json(db.prepare('SELECT id, text FROM notes WHERE user_id = ? ORDER BY id').all(req.userId));
  });

  notes.get('/:id', (req, res) => {
    const note = findOwnNote(req);
    if (!note) return res.status(404).json({ error: 'note not found' });
    res.json(note);
  });

  notes.put('/:id', (req, res) => {
    if (!validText(req.body)) return res.status(400).json({ error: 'text must be a non-empty string' });
    const note = findOwnNote(req);
    if (!note) return res.status(404).json({ error: 'note not found' });
    db.prepare('UPDATE notes SET text = ? WHERE id = ? AND user_id = ?').run(req.body.text, note.id, req.userId);
    res.json({ id: note.id, text: req.body.text });
  });

  notes.delete('/:id', (req, res) => {
    const note = findOwnNote(req);
    if (!note) return res.status(404).json({ error: 'note not found' });
    db.prepare('DELETE FROM notes WHERE id = ? AND user_id = ?').run(note.id, req.userId);
    res.status(204).end();
  });

  app.use('/notes', notes);

  app.use((req, res) => res.status(404).json({ error: 'not found' }));
  app.use((err, req, res, next) => {
    const status = err.status || err.statusCode || 500;
    res.status(status >= 400 && status < 600 ? status : 500).json({ error: status < 500 ? 'bad request' : 'internal error' });
  });

  return app;
}

module.exports = { createApp };
