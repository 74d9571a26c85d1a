const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

const EMAIL_RE = /^[^@]+@[^@]+$/;
const ROLES = ['admin', 'member'];

function createApp() {
  const app = express();
  app.use(express.json());
  const db = new Database(process.env.DATABASE_PATH);
  db.exec(`CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    password_hash TEXT NOT NULL
  )`);

  const q = {
    byId: db.prepare('SELECT id, email, role FROM users WHERE id = ?'),
    byEmail: db.prepare('SELECT id, email, role, password_hash FROM users WHERE email = ?'),
    count: db.prepare('SELECT COUNT(*) AS n FROM users'),
    insert: db.prepare('INSERT INTO users (email, role, password_hash) VALUES (?, ?, ?)'),
    all: db.prepare('SELECT id, email, role FROM users ORDER BY id'),
    setRole: db.prepare('UPDATE users SET role = ? WHERE id = ?'),
    del: db.prepare('DELETE FROM users WHERE id = ?'),
  };

  // compared against when the address is unknown, so both failures take as long
  const dummyHash = bcrypt.hashSync('dummy-password-for-timing', 10);

  const account = (u) => ({ id: u.id, email: u.email, role: u.role });
  const fail = (res, status, error) => res.status(status).json({ error });
  const parseId = (s) => (/^[1-9]\d{0,15}$/.test(s) ? Number(s) : null);

  const createUser = db.transaction((email, hash) => {
    if (q.byEmail.get(email)) return null;
    const role = q.count.get().n === 0 ? 'admin' : 'member';
    const info = q.insert.run(email, role, hash);
    return { id: Number(info.lastInsertRowid), email, role };
  });

  app.post('/signup', async (req, res) => {
    const { email, password } = req.body ?? {};
    if (typeof email !== 'string' || !EMAIL_RE.test(email)) return fail(res, 400, 'email must contain one @');
    if (typeof password !== 'string' || password.length < 8) return fail(res, 400, 'password must be at least 8 characters');
    if (q.byEmail.get(email)) return fail(res, 409, 'this address already has an account');
    const hash = await bcrypt.hash(password, 10);
    const user = createUser(email, hash);
    if (!user) return fail(res, 409, 'this address already has an account');
    res.status(201).json(user);
  });

  app.post('/login', async (req, res) => {
    const { email, password } = req.body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string') return fail(res, 400, 'email and password must be strings');
    const row = q.byEmail.get(email);
    const ok = await bcrypt.compare(password, row ? row.password_hash : dummyHash);
    if (!row || !ok) return fail(res, 401, 'invalid email or password');
    const token = jwt.sign({ sub: String(row.id) }, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
    res.json({ token });
  });

  function authenticate(req, res, next) {
    const m = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(req.get('authorization') || '');
    if (!m) return fail(res, 401, 'missing or malformed bearer token');
    let payload;
    try {
      payload = jwt.verify(m[1], process.env.JWT_SECRET, { algorithms: ['HS256'] });
    } catch {
      return fail(res, 401, 'invalid or expired token');
    }
    const id = parseId(String(payload.sub));
    const user = id && q.byId.get(id);
    if (!user) return fail(res, 401, 'account no longer exists');
    req.user = user;
    next();
  }

  function adminOnly(req, res, next) {
    if (req.user.role !== 'admin') return fail(res, 403, 'admins only');
    next();
  }

  app.get('/me', authenticate, (req, res) => res.json(account(req.user)));

  app.get('/users', authenticate, adminOnly, (req, res) => res.json(q.all.all().map(account)));

  app.put('/users/:id/role', authenticate, adminOnly, (req, res) => {
    const role = req.body?.role;
    if (!ROLES.includes(role)) return fail(res, 400, 'role must be "admin" or "member"');
    const id = parseId(req.params.id);
    const user = id && q.byId.get(id);
    if (!user) return fail(res, 404, 'no such account');
    q.setRole.run(role, id);
    res.json({ ...account(user), role });
  });

  app.delete('/users/:id', authenticate, (req, res) => {
    const id = parseId(req.params.id);
    if (req.user.role !== 'admin' && id !== req.user.id) return fail(res, 403, 'you may only remove your own account');
    if (!id || q.del.run(id).changes === 0) return fail(res, 404, 'no such account');
    res.status(204).end();
  });

  app.use((req, res) => fail(res, 404, 'not found'));
  // eslint-disable-next-line no-unused-vars
  app.use((err, req, res, next) => {
    const status = err.status || err.statusCode || 500;
    if (status >= 400 && status < 500) return fail(res, status, err.type === 'entity.parse.failed' ? 'invalid JSON' : 'bad request');
    console.error(err);
    fail(res, 500, 'internal error');
  });

  return app;
}

module.exports = { createApp };
