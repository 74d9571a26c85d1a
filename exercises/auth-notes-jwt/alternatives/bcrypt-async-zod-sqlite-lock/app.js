const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');
const { z } = require('zod');

const SignupBody = z.object({
  email: z.string().regex(/^[^@]+@[^@]+$/, 'email must have one @ with text on both sides'),
  password: z.string().min(8, 'password must be at least 8 characters'),
});
const LoginBody = z.object({ email: z.string(), password: z.string() });
const NoteBody = z.object({ text: z.string().min(1) });

const LOCK_AFTER = 5;
const LOCK_SECONDS = 15 * 60;

function createApp() {
  const secret = process.env.JWT_SECRET;
  const db = new Database(process.env.DATABASE_PATH);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS notes (
      id INTEGER PRIMARY KEY,
      owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      text TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS notes_owner ON notes(owner_id);
    CREATE TABLE IF NOT EXISTS login_attempts (
      email TEXT PRIMARY KEY,
      failures INTEGER NOT NULL DEFAULT 0,
      locked_until INTEGER NOT NULL DEFAULT 0
    );
  `);

  const q = {
    userByEmail: db.prepare('SELECT id, email, password_hash FROM users WHERE email = ?'),
    insertUser: db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?) RETURNING id, email'),
    attempts: db.prepare('SELECT failures, locked_until FROM login_attempts WHERE email = ?'),
    fail: db.prepare(`INSERT INTO login_attempts (email, failures, locked_until) VALUES (@email, 1, 0)
      ON CONFLICT(email) DO UPDATE SET failures = failures + 1,
        locked_until = CASE WHEN failures + 1 >= @limit THEN @lockUntil ELSE locked_until END`),
    clear: db.prepare('DELETE FROM login_attempts WHERE email = ?'),
    insertNote: db.prepare('INSERT INTO notes (owner_id, text) VALUES (?, ?) RETURNING id, text'),
    listNotes: db.prepare('SELECT id, text FROM notes WHERE owner_id = ? ORDER BY id ASC'),
    getNote: db.prepare('SELECT id, text FROM notes WHERE id = ? AND owner_id = ?'),
    updateNote: db.prepare('UPDATE notes SET text = ? WHERE id = ? AND owner_id = ? RETURNING id, text'),
    deleteNote: db.prepare('DELETE FROM notes WHERE id = ? AND owner_id = ?'),
  };

  const fakeHashPromise = bcrypt.hash('placeholder-password', 10);

  const app = express();
  app.use(express.json());

  app.post('/signup', async (req, res) => {
    const parsed = SignupBody.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: parsed.error.issues[0].message });
    const { email, password } = parsed.data;
    if (q.userByEmail.get(email)) return res.status(409).json({ error: 'this address already has an account' });
    const hash = await bcrypt.hash(password, 11);
    try {
      const user = q.insertUser.get(email, hash);
      res.status(201).json({ id: user.id, email: user.email });
    } catch (err) {
      if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') return res.status(409).json({ error: 'this address already has an account' });
      throw err;
    }
  });

  app.post('/login', async (req, res) => {
    const parsed = LoginBody.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: 'email and password must be strings' });
    const { email, password } = parsed.data;
    const nowSec = Math.floor(Date.now() / 1000);
    const attempts = q.attempts.get(email);
    if (attempts && attempts.locked_until > nowSec) {
      return res.status(429).json({ error: 'too many failed attempts; try again in 15 minutes' });
    }
    if (attempts && attempts.locked_until !== 0) q.clear.run(email); // lock has run out

    const user = q.userByEmail.get(email);
    const matches = await bcrypt.compare(password, user ? user.password_hash : await fakeHashPromise);
    if (!user || !matches) {
      q.fail.run({ email, limit: LOCK_AFTER, lockUntil: nowSec + LOCK_SECONDS });
      return res.status(401).json({ error: 'invalid e-mail or password' });
    }
    q.clear.run(email);
    const token = jwt.sign({ sub: user.id }, secret, { algorithm: 'HS256', expiresIn: '1h' });
    res.status(200).json({ token });
  });

  const authenticate = (req, res, next) => {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (!match) return res.status(401).json({ error: 'authorization header must be "Bearer <token>"' });
    try {
      const claims = jwt.verify(match[1], secret, { algorithms: ['HS256'] });
      if (!Number.isSafeInteger(claims.sub)) return res.status(401).json({ error: 'invalid token' });
      req.user = { id: claims.sub };
      next();
    } catch (err) {
      res.status(401).json({ error: err.name === 'TokenExpiredError' ? 'token expired' : 'invalid token' });
    }
  };

  const noteId = (req) => (/^\d+$/.test(req.params.id) ? Number(req.params.id) : -1);

  app.post('/notes', authenticate, async (req, res) => {
    const parsed = NoteBody.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: 'text must be a non-empty string' });
    res.status(201).json(q.insertNote.get(req.user.id, parsed.data.text));
  });

  app.get('/notes', authenticate, async (req, res) => {
    res.json(q.listNotes.all(req.user.id));
  });

  app.get('/notes/:id', authenticate, async (req, res) => {
    const note = q.getNote.get(noteId(req), req.user.id);
    if (!note) return res.status(404).json({ error: 'no such note' });
    res.json(note);
  });

  app.put('/notes/:id', authenticate, async (req, res) => {
    const existing = q.getNote.get(noteId(req), req.user.id);
    if (!existing) return res.status(404).json({ error: 'no such note' });
    const parsed = NoteBody.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: 'text must be a non-empty string' });
    res.json(q.updateNote.get(parsed.data.text, existing.id, req.user.id));
  });

  app.delete('/notes/:id', authenticate, async (req, res) => {
    const { changes } = q.deleteNote.run(noteId(req), req.user.id);
    if (changes === 0) return res.status(404).json({ error: 'no such note' });
    res.sendStatus(204);
  });

  app.use((err, req, res, _next) => {
    if (err.type === 'entity.parse.failed') return res.status(400).json({ error: 'body is not valid JSON' });
    console.error(err);
    res.status(500).json({ error: 'internal error' });
  });

  return app;
}

module.exports = { createApp };
