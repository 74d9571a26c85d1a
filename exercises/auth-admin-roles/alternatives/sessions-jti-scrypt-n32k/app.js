// Every token is a session row (its jti); removing an account cascades to its sessions.
// scrypt with twice Node's default cost, parameters kept in the stored string.
const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const crypto = require('node:crypto');

const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scryptAsync(password, salt, keylen, opts) {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

async function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const key = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt:${SCRYPT.N}:${SCRYPT.r}:${SCRYPT.p}:${salt.toString('hex')}:${key.toString('hex')}`;
}

async function passwordMatches(password, stored) {
  const [algo, N, r, p, salt, key] = stored.split(':');
  if (algo !== 'scrypt') return false;
  const want = Buffer.from(key, 'hex');
  const got = await scryptAsync(password, Buffer.from(salt, 'hex'), want.length, { N: +N, r: +r, p: +p, maxmem: SCRYPT.maxmem });
  return crypto.timingSafeEqual(got, want);
}

function createApp() {
  const db = new Database(process.env.DATABASE_PATH);
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL,
      password_hash TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sessions (
      jti TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      expires_at INTEGER NOT NULL
    );
  `);

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '10kb' }));

  const pub = (u) => ({ id: u.id, email: u.email, role: u.role });
  const bad = (res, status, error) => res.status(status).json({ error });
  const idFrom = (s) => (/^[0-9]+$/.test(s) ? parseInt(s, 10) : -1);
  const placeholderHash = hashPassword(crypto.randomUUID());

  app.post('/signup', async (req, res) => {
    const { email, password } = req.body ?? {};
    const at = typeof email === 'string' ? email.indexOf('@') : -1;
    if (at <= 0 || at === email.length - 1 || email.indexOf('@', at + 1) !== -1) return bad(res, 400, 'email must be name@domain');
    if (typeof password !== 'string' || password.length < 8) return bad(res, 400, 'password must have 8+ characters');
    const hash = await hashPassword(password);
    const tx = db.transaction(() => {
      if (db.prepare('SELECT id FROM users WHERE email = ?').get(email)) return null;
      const count = db.prepare('SELECT count(*) FROM users').pluck().get();
      const id = db.prepare('INSERT INTO users (email, role, password_hash) VALUES (?, ?, ?)')
        .run(email, count === 0 ? 'admin' : 'member', hash).lastInsertRowid;
      return db.prepare('SELECT id, email, role FROM users WHERE id = ?').get(id);
    });
    const user = tx.immediate();
    if (!user) return bad(res, 409, 'an account with this email exists');
    res.status(201).json(pub(user));
  });

  app.post('/login', async (req, res) => {
    const { email, password } = req.body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string') return bad(res, 400, 'email and password are required strings');
    const user = db.prepare('SELECT * FROM users WHERE email = ?').get(email);
    const ok = await passwordMatches(password, user ? user.password_hash : await placeholderHash);
    if (!user || !ok) return bad(res, 401, 'incorrect email or password');
    const jti = crypto.randomUUID();
    const token = jwt.sign({ sub: String(user.id) }, process.env.JWT_SECRET, { expiresIn: '1h', jwtid: jti });
    const { exp } = jwt.decode(token);
    db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(Math.floor(Date.now() / 1000));
    db.prepare('INSERT INTO sessions (jti, user_id, expires_at) VALUES (?, ?, ?)').run(jti, user.id, exp);
    res.json({ token });
  });

  app.use(['/me', '/users'], (req, res, next) => {
    const auth = req.headers.authorization;
    if (!auth || !/^Bearer [^\s]+$/.test(auth)) return bad(res, 401, 'expected Authorization: Bearer <token>');
    let claims;
    try {
      claims = jwt.verify(auth.slice(7), process.env.JWT_SECRET, { algorithms: ['HS256'] });
    } catch {
      return bad(res, 401, 'token rejected');
    }
    const user = db.prepare(`
      SELECT u.id, u.email, u.role FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.jti = ? AND u.id = ?`).get(String(claims.jti), Number(claims.sub));
    if (!user) return bad(res, 401, 'session ended');
    req.user = user;
    next();
  });

  const adminsOnly = (req, res, next) => (req.user.role === 'admin' ? next() : bad(res, 403, 'admins only'));

  app.get('/me', (req, res) => res.json(pub(req.user)));
  app.get('/users', adminsOnly, (req, res) => res.json(db.prepare('SELECT id, email, role FROM users ORDER BY id').all()));

  app.put('/users/:id/role', adminsOnly, (req, res) => {
    const role = req.body && req.body.role;
    if (!['admin', 'member'].includes(role)) return bad(res, 400, 'role must be admin or member');
    const id = idFrom(req.params.id);
    const user = db.prepare('SELECT id, email, role FROM users WHERE id = ?').get(id);
    if (!user) return bad(res, 404, 'no such user');
    db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id);
    res.json(pub({ ...user, role }));
  });

  app.delete('/users/:id', (req, res) => {
    const id = idFrom(req.params.id);
    if (id !== req.user.id && req.user.role !== 'admin') return bad(res, 403, 'forbidden');
    const { changes } = db.prepare('DELETE FROM users WHERE id = ?').run(id);
    if (!changes) return bad(res, 404, 'no such user');
    res.status(204).end();
  });

  app.use((req, res) => bad(res, 404, 'route not found'));
  app.use((err, req, res, next) => bad(res, err.status && err.status < 500 ? err.status : 500, err.status && err.status < 500 ? 'bad request' : 'server error'));
  return app;
}

module.exports = { createApp };
