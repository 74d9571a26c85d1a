const crypto = require('crypto');
const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');

const PBKDF2_ITERATIONS = 100000;
const PBKDF2_DIGEST = 'sha512';
const PBKDF2_KEYLEN = 64;

function pbkdf2(password, salt, iterations) {
  return new Promise((resolve, reject) => {
    crypto.pbkdf2(password, salt, iterations, PBKDF2_KEYLEN, PBKDF2_DIGEST, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

// stored as <iterations>:<salt hex>:<hash hex>
async function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const key = await pbkdf2(password, salt, PBKDF2_ITERATIONS);
  return [PBKDF2_ITERATIONS, salt.toString('hex'), key.toString('hex')].join(':');
}

async function verifyPassword(password, stored) {
  const [iterations, saltHex, keyHex] = stored.split(':');
  const key = await pbkdf2(password, Buffer.from(saltHex, 'hex'), Number(iterations));
  return crypto.timingSafeEqual(key, Buffer.from(keyHex, 'hex'));
}

function createApp() {
  const db = new Database(process.env.DATABASE_PATH);
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS notes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      user_id INTEGER NOT NULL,
      text TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS login_failures (email TEXT PRIMARY KEY, streak INTEGER NOT NULL, locked_until INTEGER);
  `);
  const placeholder = hashPassword(crypto.randomBytes(8).toString('hex'));

  const app = express();
  app.use(express.json());

  const auth = express.Router();

  auth.post('/signup', async (req, res) => {
    const { email, password } = req.body ?? {};
    if (typeof email !== 'string' || !/^[^@]+@[^@]+$/.test(email)) return res.status(400).json({ error: 'invalid email' });
    if (typeof password !== 'string' || password.length < 8) return res.status(400).json({ error: 'password must be at least 8 characters' });
    if (db.prepare('SELECT 1 FROM users WHERE email = ?').pluck().get(email)) return res.status(409).json({ error: 'email already in use' });
    const hash = await hashPassword(password);
    const id = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?) RETURNING id').pluck().get(email, hash);
    res.status(201).json({ id, email });
  });

  auth.post('/login', async (req, res) => {
    const { email, password } = req.body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'email and password must be strings' });

    const now = Date.now();
    const record = db.prepare('SELECT streak, locked_until FROM login_failures WHERE email = ?').get(email);
    if (record?.locked_until && record.locked_until > now) {
      return res.status(429).json({ error: 'account temporarily locked' });
    }
    if (record?.locked_until) db.prepare('DELETE FROM login_failures WHERE email = ?').run(email);

    const user = db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(email);
    const good = await verifyPassword(password, user?.password_hash ?? (await placeholder));
    if (!user || !good) {
      const streak = (record && !record.locked_until ? record.streak : 0) + 1;
      db.prepare('INSERT OR REPLACE INTO login_failures (email, streak, locked_until) VALUES (?, ?, ?)')
        .run(email, streak, streak >= 5 ? now + 15 * 60 * 1000 : null);
      return res.status(401).json({ error: 'invalid e-mail or password' });
    }
    db.prepare('DELETE FROM login_failures WHERE email = ?').run(email);
    const token = jwt.sign({ sub: String(user.id), email }, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
    res.json({ token });
  });

  const notes = express.Router();
  notes.use((req, res, next) => {
    const header = req.get('authorization') ?? '';
    if (!header.startsWith('Bearer ')) return res.status(401).json({ error: 'missing bearer token' });
    try {
      const { sub } = jwt.verify(header.slice(7), process.env.JWT_SECRET, { algorithms: ['HS256'] });
      req.userId = Number.parseInt(sub, 10);
      if (!Number.isInteger(req.userId)) throw new Error('no subject');
      return next();
    } catch {
      return res.status(401).json({ error: 'invalid token' });
    }
  });

  const validText = (t) => typeof t === 'string' && t.length > 0;
  const findOwn = (id, userId) => db.prepare('SELECT id, text FROM notes WHERE id = ? AND user_id = ?').get(id, userId);

  notes.post('/', (req, res) => {
    const text = req.body?.text;
    if (!validText(text)) return res.status(400).json({ error: 'text must be a non-empty string' });
    const note = db.prepare('INSERT INTO notes (id, user_id, text) VALUES (?, ?, ?) RETURNING id, text').get(crypto.randomUUID(), req.userId, text);
    res.status(201).json(note);
  });
  notes.get('/', (req, res) => {
    res.json(db.prepare('SELECT id, text FROM notes WHERE user_id = ? ORDER BY seq').all(req.userId));
  });
  notes.get('/:id', (req, res) => {
    const note = findOwn(req.params.id, req.userId);
    if (!note) return res.status(404).json({ error: 'not found' });
    res.json(note);
  });
  notes.put('/:id', (req, res) => {
    const text = req.body?.text;
    if (!validText(text)) return res.status(400).json({ error: 'text must be a non-empty string' });
    const note = db.prepare('UPDATE notes SET text = ? WHERE id = ? AND user_id = ? RETURNING id, text').get(text, req.params.id, req.userId);
    if (!note) return res.status(404).json({ error: 'not found' });
    res.json(note);
  });
  notes.delete('/:id', (req, res) => {
    const { changes } = db.prepare('DELETE FROM notes WHERE id = ? AND user_id = ?').run(req.params.id, req.userId);
    if (!changes) return res.status(404).json({ error: 'not found' });
    res.status(204).end();
  });

  app.use(auth);
  app.use('/notes', notes);
  app.use((err, req, res, next) => {
    res.status(err.status >= 400 && err.status < 500 ? err.status : 500).json({ error: err.expose ? err.message : 'server error' });
  });
  return app;
}

module.exports = { createApp };
