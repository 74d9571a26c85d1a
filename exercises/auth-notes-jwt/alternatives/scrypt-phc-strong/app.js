const crypto = require('crypto');
const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');

// scrypt with twice Node's default cost, stored in the PHC string format:
// $scrypt$ln=15,r=8,p=1$<salt, base64 without padding>$<hash, base64 without padding>
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const b64 = (buf) => buf.toString('base64').replace(/=+$/, '');

function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, 32, SCRYPT);
  return `$scrypt$ln=${Math.log2(SCRYPT.N)},r=${SCRYPT.r},p=${SCRYPT.p}$${b64(salt)}$${b64(hash)}`;
}

function verifyPassword(password, phc) {
  const [, id, params, saltB64, hashB64] = phc.split('$');
  if (id !== 'scrypt') return false;
  const opts = Object.fromEntries(params.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
  const expected = Buffer.from(hashB64, 'base64');
  const actual = crypto.scryptSync(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: 2 ** opts.ln, r: opts.r, p: opts.p, maxmem: 64 * 1024 * 1024,
  });
  return crypto.timingSafeEqual(actual, expected);
}

const EMAIL = /^[^@]+@[^@]+$/;

function createApp() {
  const db = new Database(process.env.DATABASE_PATH);
  db.exec(`CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL);
           CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, text TEXT NOT NULL);`);
  const decoy = hashPassword('decoy-password-123');
  const lock = new Map();

  const api = express();
  api.use(express.json());

  api.post('/signup', (req, res) => {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || !EMAIL.test(email)) return res.status(400).json({ error: 'bad email' });
    if (typeof password !== 'string' || password.length < 8) return res.status(400).json({ error: 'bad password' });
    if (db.prepare('SELECT id FROM users WHERE email = ?').get(email)) return res.status(409).json({ error: 'email taken' });
    const { lastInsertRowid: id } = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)').run(email, hashPassword(password));
    res.status(201).json({ id: Number(id), email });
  });

  api.post('/login', (req, res) => {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'bad request' });
    const entry = lock.get(email) || { fails: 0, until: 0 };
    if (entry.until) {
      if (entry.until > Date.now()) return res.status(429).json({ error: 'locked, try again later' });
      entry.fails = 0;
      entry.until = 0;
    }
    const user = db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(email);
    const ok = verifyPassword(password, user ? user.password_hash : decoy);
    if (!user || !ok) {
      entry.fails += 1;
      if (entry.fails === 5) entry.until = Date.now() + 15 * 60 * 1000;
      lock.set(email, entry);
      return res.status(401).json({ error: 'invalid e-mail or password' });
    }
    lock.delete(email);
    res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });
  });

  const notes = express();
  notes.use((req, res, next) => {
    const m = (req.headers.authorization || '').match(/^Bearer ([^\s]+)$/);
    if (!m) return res.status(401).json({ error: 'unauthorized' });
    jwt.verify(m[1], process.env.JWT_SECRET, { algorithms: ['HS256'] }, (err, payload) => {
      if (err || typeof payload.sub !== 'number') return res.status(401).json({ error: 'unauthorized' });
      req.uid = payload.sub;
      next();
    });
  });
  const own = (req) => db.prepare('SELECT id, text FROM notes WHERE id = ? AND user_id = ?').get(String(req.params.id), req.uid);
  const textOf = (req) => (req.body && typeof req.body.text === 'string' && req.body.text ? req.body.text : null);

  notes.get('/', (req, res) => res.json(db.prepare('SELECT id, text FROM notes WHERE user_id = ? ORDER BY id').all(req.uid)));
  notes.post('/', (req, res) => {
    const text = textOf(req);
    if (text === null) return res.status(400).json({ error: 'text required' });
    const { lastInsertRowid: id } = db.prepare('INSERT INTO notes (user_id, text) VALUES (?, ?)').run(req.uid, text);
    res.status(201).json({ id: Number(id), text });
  });
  notes.get('/:id', (req, res) => {
    const note = own(req);
    return note ? res.json(note) : res.status(404).json({ error: 'not found' });
  });
  notes.put('/:id', (req, res) => {
    const text = textOf(req);
    if (text === null) return res.status(400).json({ error: 'text required' });
    const note = own(req);
    if (!note) return res.status(404).json({ error: 'not found' });
    db.prepare('UPDATE notes SET text = ? WHERE id = ?').run(text, note.id);
    res.json({ id: note.id, text });
  });
  notes.delete('/:id', (req, res) => {
    const note = own(req);
    if (!note) return res.status(404).json({ error: 'not found' });
    db.prepare('DELETE FROM notes WHERE id = ?').run(note.id);
    res.status(204).end();
  });

  api.use('/notes', notes);
  api.use((err, req, res, next) => res.status(err.status || 500).json({ error: err.status ? 'invalid request' : 'server error' }));
  return api;
}

module.exports = { createApp };
