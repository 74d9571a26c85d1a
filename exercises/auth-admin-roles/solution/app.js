const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

const EMAIL = /^[^@]+@[^@]+$/;
const ROLES = ['admin', 'member'];

function createApp() {
  const secret = process.env.JWT_SECRET;
  const db = new Database(process.env.DATABASE_PATH);
  db.exec("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL CHECK (role IN ('admin', 'member')), password_hash TEXT NOT NULL)");
  const account = (id) => db.prepare('SELECT id, email, role FROM users WHERE id = ?').get(id);

  const app = express();
  app.use(express.json());
  const fail = (res, status, error) => res.status(status).json({ error });
  const credentials = (body) => body && typeof body.email === 'string' && typeof body.password === 'string';

  app.post('/signup', (req, res) => {
    if (!credentials(req.body) || !EMAIL.test(req.body.email) || req.body.password.length < 8) return fail(res, 400, 'an e-mail address and a password of at least 8 characters are required');
    const { email, password } = req.body;
    if (db.prepare('SELECT 1 FROM users WHERE email = ?').get(email)) return fail(res, 409, 'this e-mail address already has an account');
    const first = db.prepare('SELECT COUNT(*) AS n FROM users').get().n === 0;
    const { lastInsertRowid } = db.prepare('INSERT INTO users (email, role, password_hash) VALUES (?, ?, ?)').run(email, first ? 'admin' : 'member', bcrypt.hashSync(password, 10));
    res.status(201).json(account(lastInsertRowid));
  });

  app.post('/login', (req, res) => {
    if (!credentials(req.body)) return fail(res, 400, 'email and password must be strings');
    const user = db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(req.body.email);
    if (!user || !bcrypt.compareSync(req.body.password, user.password_hash)) return fail(res, 401, 'invalid e-mail or password');
    res.json({ token: jwt.sign({ sub: String(user.id) }, secret, { algorithm: 'HS256', expiresIn: '1h' }) });
  });

  // Who calls, read from the database on every request: a role change or a removal counts at once.
  app.use((req, res, next) => {
    const match = /^Bearer ([^\s]+)$/.exec(req.get('authorization') || '');
    if (!match) return fail(res, 401, 'an Authorization: Bearer <token> header is required');
    let payload;
    try {
      payload = jwt.verify(match[1], secret, { algorithms: ['HS256'] });
    } catch {
      return fail(res, 401, 'the token is invalid or has expired');
    }
    req.caller = account(Number(payload.sub));
    if (!req.caller) return fail(res, 401, 'this account no longer exists');
    next();
  });
  const adminsOnly = (req, res, next) => (req.caller.role === 'admin' ? next() : fail(res, 403, 'only admins may do this'));
  const target = (req) => (/^\d+$/.test(req.params.id) ? account(Number(req.params.id)) : undefined);

  app.get('/me', (req, res) => res.json(req.caller));
  app.get('/users', adminsOnly, (req, res) => res.json(db.prepare('SELECT id, email, role FROM users ORDER BY id').all()));
  app.put('/users/:id/role', adminsOnly, (req, res) => {
    const user = target(req);
    if (!user) return fail(res, 404, 'no such account');
    if (!req.body || !ROLES.includes(req.body.role)) return fail(res, 400, 'role must be "admin" or "member"');
    db.prepare('UPDATE users SET role = ? WHERE id = ?').run(req.body.role, user.id);
    res.json(account(user.id));
  });
  app.delete('/users/:id', (req, res) => {
    const user = target(req);
    if (req.caller.role !== 'admin' && (!user || user.id !== req.caller.id)) return fail(res, 403, 'only admins may remove another account');
    if (!user) return fail(res, 404, 'no such account');
    db.prepare('DELETE FROM users WHERE id = ?').run(user.id);
    res.status(204).end();
  });

  return app;
}

module.exports = { createApp };
