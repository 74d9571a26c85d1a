const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');
const { z } = require('zod');

const SignupBody = z.object({
  email: z.string().regex(/^[^@]+@[^@]+$/, 'one @ with something on each side'),
  password: z.string().min(8),
});
const LoginBody = z.object({ email: z.string(), password: z.string() });
const RoleBody = z.object({ role: z.enum(['admin', 'member']) });
const IdParam = z.string().regex(/^\d+$/).transform(Number);

function openDb(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      email TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('admin','member')),
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL DEFAULT (datetime('now'))
    )`);
  return db;
}

function usersRepo(db) {
  const cols = 'id, email, role';
  return {
    find: (id) => db.prepare(`SELECT ${cols} FROM users WHERE id = ?`).get(id),
    findByEmail: (email) => db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(email),
    list: () => db.prepare(`SELECT ${cols} FROM users ORDER BY id`).all(),
    create: db.transaction((email, passwordHash) => {
      const anyone = db.prepare('SELECT id FROM users LIMIT 1').get();
      const info = db.prepare('INSERT INTO users (email, role, password_hash) VALUES (?, ?, ?)')
        .run(email, anyone ? 'member' : 'admin', passwordHash);
      return db.prepare(`SELECT ${cols} FROM users WHERE id = ?`).get(info.lastInsertRowid);
    }),
    setRole: (id, role) => db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id).changes,
    remove: (id) => db.prepare('DELETE FROM users WHERE id = ?').run(id).changes,
  };
}

const httpError = (res, status, error) => res.status(status).json({ error });

function authenticate(users) {
  return (req, res, next) => {
    const [scheme, token, ...rest] = (req.get('Authorization') || '').split(' ');
    if (scheme !== 'Bearer' || !token || rest.length) return httpError(res, 401, 'Bearer token required');
    let claims;
    try {
      claims = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
    } catch (e) {
      return httpError(res, 401, e.name === 'TokenExpiredError' ? 'token expired' : 'invalid token');
    }
    const user = users.find(Number(claims.sub));
    if (!user) return httpError(res, 401, 'account not found');
    req.user = user; // fresh from the database: claims.role is only a hint for clients
    next();
  };
}

const requireRole = (...roles) => (req, res, next) =>
  roles.includes(req.user.role) ? next() : httpError(res, 403, `requires role ${roles.join(' or ')}`);

function authRouter(users) {
  const router = express.Router();
  let dummy;
  router.post('/signup', async (req, res) => {
    const parsed = SignupBody.safeParse(req.body);
    if (!parsed.success) return httpError(res, 400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { email, password } = parsed.data;
    if (users.findByEmail(email)) return httpError(res, 409, 'email already in use');
    const hash = await bcrypt.hash(password, 11);
    try {
      res.status(201).json(users.create(email, hash));
    } catch (e) {
      if (String(e.code).startsWith('SQLITE_CONSTRAINT')) return httpError(res, 409, 'email already in use');
      throw e;
    }
  });
  router.post('/login', async (req, res) => {
    const parsed = LoginBody.safeParse(req.body);
    if (!parsed.success) return httpError(res, 400, 'email and password must be strings');
    const row = users.findByEmail(parsed.data.email);
    dummy ??= await bcrypt.hash('timing-equaliser', 11);
    const ok = await bcrypt.compare(parsed.data.password, row ? row.password_hash : dummy);
    if (!row || !ok) return httpError(res, 401, 'invalid credentials');
    const user = users.find(row.id);
    const token = jwt.sign({ sub: String(user.id), role: user.role }, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
    res.json({ token });
  });
  return router;
}

function meRouter(users) {
  const router = express.Router();
  router.use(authenticate(users));
  router.get('/', (req, res) => res.json(req.user));
  return router;
}

function usersRouter(users) {
  const router = express.Router();
  router.use(authenticate(users));
  router.get('/', requireRole('admin'), (req, res) => res.json(users.list()));
  router.put('/:id/role', requireRole('admin'), (req, res) => {
    const body = RoleBody.safeParse(req.body);
    if (!body.success) return httpError(res, 400, 'role must be "admin" or "member"');
    const id = IdParam.safeParse(req.params.id);
    if (!id.success || !users.setRole(id.data, body.data.role)) return httpError(res, 404, 'user not found');
    res.json(users.find(id.data));
  });
  router.delete('/:id', (req, res) => {
    const id = IdParam.safeParse(req.params.id);
    const target = id.success ? id.data : NaN;
    if (target !== req.user.id && req.user.role !== 'admin') return httpError(res, 403, 'forbidden');
    if (!id.success || !users.remove(target)) return httpError(res, 404, 'user not found');
    res.status(204).end();
  });
  return router;
}

function createApp() {
  const users = usersRepo(openDb(process.env.DATABASE_PATH));
  const app = express();
  app.use(express.json());
  app.use(authRouter(users));
  app.use('/me', meRouter(users));
  app.use('/users', usersRouter(users));
  app.use((req, res) => httpError(res, 404, 'not found'));
  app.use((err, req, res, next) => {
    if (err.type === 'entity.parse.failed') return httpError(res, 400, 'body is not valid JSON');
    console.error(err);
    httpError(res, 500, 'internal server error');
  });
  return app;
}

module.exports = { createApp };
