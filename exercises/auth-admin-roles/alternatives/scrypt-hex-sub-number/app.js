// scrypt (Node defaults: N=16384, r=8, p=1) stored as "<salt hex>:<hash hex>";
// the token carries the id as a number in `sub` and the role too, but the role is always
// re-read from the database.
const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const { promisify } = require('util');

const scrypt = promisify(crypto.scrypt);
const KEYLEN = 64;

async function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN);
  return `${salt.toString('hex')}:${key.toString('hex')}`;
}

async function verifyPassword(password, stored) {
  const [saltHex, keyHex] = stored.split(':');
  const expected = Buffer.from(keyHex, 'hex');
  const actual = await scrypt(password, Buffer.from(saltHex, 'hex'), expected.length);
  return crypto.timingSafeEqual(actual, expected);
}

function validEmail(email) {
  if (typeof email !== 'string') return false;
  const parts = email.split('@');
  return parts.length === 2 && parts[0].length > 0 && parts[1].length > 0;
}

function createApp() {
  const app = express();
  app.use(express.json());

  const db = new Database(process.env.DATABASE_PATH);
  db.exec(`CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL
  )`);

  let decoyHash = null;
  hashPassword(crypto.randomBytes(12).toString('hex')).then((h) => { decoyHash = h; });

  const toJson = ({ id, email, role }) => ({ id, email, role });
  const getUser = (id) => db.prepare('SELECT id, email, role FROM users WHERE id = ?').get(id);

  app.post('/signup', async (req, res) => {
    const body = req.body || {};
    if (!validEmail(body.email)) return res.status(400).json({ error: 'invalid email' });
    if (typeof body.password !== 'string' || body.password.length < 8) return res.status(400).json({ error: 'password too short' });
    const passwordHash = await hashPassword(body.password);
    try {
      const user = db.transaction(() => {
        const { n } = db.prepare('SELECT COUNT(*) AS n FROM users').get();
        const role = n === 0 ? 'admin' : 'member';
        const { lastInsertRowid } = db.prepare('INSERT INTO users (email, role, password_hash) VALUES (?, ?, ?)').run(body.email, role, passwordHash);
        return getUser(lastInsertRowid);
      }).immediate();
      return res.status(201).json(toJson(user));
    } catch (err) {
      if (err.code === 'SQLITE_CONSTRAINT_UNIQUE') return res.status(409).json({ error: 'email already registered' });
      throw err;
    }
  });

  app.post('/login', async (req, res) => {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'email and password are required' });
    const user = db.prepare('SELECT * FROM users WHERE email = ?').get(email);
    let ok = false;
    if (user) ok = await verifyPassword(password, user.password_hash);
    else if (decoyHash) await verifyPassword(password, decoyHash);
    if (!ok) return res.status(401).json({ error: 'wrong email or password' });
    const token = jwt.sign({ sub: user.id, role: user.role }, process.env.JWT_SECRET, { expiresIn: '1h' });
    res.status(200).json({ token });
  });

  function auth(req, res, next) {
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return res.status(401).json({ error: 'authentication required' });
    const token = header.slice('Bearer '.length).trim();
    if (!token) return res.status(401).json({ error: 'authentication required' });
    try {
      const claims = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
      if (!Number.isInteger(claims.sub)) throw new Error('bad sub');
      // the role in the token may be stale: the database decides
      const user = getUser(claims.sub);
      if (!user) return res.status(401).json({ error: 'account no longer exists' });
      req.user = user;
      return next();
    } catch {
      return res.status(401).json({ error: 'invalid token' });
    }
  }

  const admin = (req, res, next) => (req.user.role === 'admin' ? next() : res.status(403).json({ error: 'forbidden' }));

  app.get('/me', auth, (req, res) => res.json(toJson(req.user)));

  app.get('/users', auth, admin, (req, res) => {
    res.json(db.prepare('SELECT id, email, role FROM users ORDER BY id ASC').all());
  });

  app.put('/users/:id/role', auth, admin, (req, res) => {
    const { role } = req.body || {};
    if (role !== 'admin' && role !== 'member') return res.status(400).json({ error: 'role must be admin or member' });
    const id = Number(req.params.id);
    const info = Number.isInteger(id) ? db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id) : { changes: 0 };
    if (info.changes === 0) return res.status(404).json({ error: 'user not found' });
    res.json(toJson(getUser(id)));
  });

  app.delete('/users/:id', auth, (req, res) => {
    const id = Number(req.params.id);
    if (req.user.role !== 'admin' && id !== req.user.id) return res.status(403).json({ error: 'forbidden' });
    const info = Number.isInteger(id) ? db.prepare('DELETE FROM users WHERE id = ?').run(id) : { changes: 0 };
    if (info.changes === 0) return res.status(404).json({ error: 'user not found' });
    res.sendStatus(204);
  });

  app.use((err, req, res, _next) => {
    if (err.type === 'entity.parse.failed') return res.status(400).json({ error: 'malformed JSON' });
    res.status(err.status || 500).json({ error: err.expose ? err.message : 'server error' });
  });

  return app;
}

module.exports = { createApp };
