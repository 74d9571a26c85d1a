// An alternative: an express.Router, SQLite in memory with a case-insensitive unique index, zod for the two levels of checks.
const express = require('express');
const Database = require('better-sqlite3');
const { z } = require('zod');

const Shape = z.object({ email: z.string(), name: z.string(), password: z.string() });
const Rules = z.object({
  email: z.string().regex(/^[^@]+@[^@]+$/, 'email must look like name@domain'),
  name: z.string().refine((s) => s.trim() !== '', 'name must not be empty'),
  password: z.string().min(8, 'password must be at least 8 characters long'),
});

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function check(body, partial) {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const shape = isObject ? (partial ? Shape.partial() : Shape).safeParse(body) : null;
  if (!shape || !shape.success) throw new HttpError(400, shape ? shape.error.issues[0].message : 'the body must be a JSON object');
  const rules = (partial ? Rules.partial() : Rules).safeParse(shape.data);
  if (!rules.success) throw new HttpError(422, rules.error.issues[0].message);
  return rules.data;
}

function usersRouter(db) {
  const router = express.Router();
  const one = db.prepare('SELECT id, email, name FROM users WHERE id = ?');
  const clash = db.prepare('SELECT 1 FROM users WHERE email = ? COLLATE NOCASE AND id <> ?');
  const idOf = (text) => (/^\d+$/.test(text) ? Number(text) : 0);
  const existing = (req) => {
    const user = one.get(idOf(req.params.id));
    if (!user) throw new HttpError(404, `account ${req.params.id} not found`);
    return user;
  };

  router.post('/', (req, res) => {
    const data = check(req.body, false);
    if (clash.get(data.email, 0)) throw new HttpError(409, 'e-mail already in use');
    const { lastInsertRowid } = db.prepare('INSERT INTO users (email, name, password) VALUES (@email, @name, @password)').run(data);
    res.status(201).set('Location', `/users/${lastInsertRowid}`).json(one.get(lastInsertRowid));
  });

  router.get('/:id', (req, res) => {
    res.json(existing(req));
  });

  router.patch('/:id', (req, res) => {
    const user = existing(req);
    const data = check(req.body, true);
    if (data.email !== undefined && clash.get(data.email, user.id)) throw new HttpError(409, 'e-mail already in use');
    for (const [field, value] of Object.entries(data)) db.prepare(`UPDATE users SET ${field} = ? WHERE id = ?`).run(value, user.id);
    res.status(200).json(one.get(user.id));
  });

  router.delete('/:id', (req, res) => {
    db.prepare('DELETE FROM users WHERE id = ?').run(existing(req).id);
    res.sendStatus(204);
  });
  return router;
}

exports.createApp = () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, name TEXT NOT NULL, password TEXT NOT NULL)');
  const app = express();
  app.use(express.json());
  app.use('/users', usersRouter(db));
  app.use((err, req, res, next) => {
    if (err.type === 'entity.parse.failed') return res.status(400).json({ error: 'malformed JSON' });
    if (err instanceof HttpError) return res.status(err.status).json({ error: err.message });
    next(err);
  });
  return app;
};
