// An alternative: SQLite keeps the addresses unique itself (UNIQUE COLLATE NOCASE) and the app
// turns the constraint's error into 409; checks are two lists of [test, message] run in turn.
const express = require('express');
const Database = require('better-sqlite3');

const FIELDS = ['email', 'name', 'password'];
const isObject = (body) => typeof body === 'object' && body !== null && !Array.isArray(body);

/** 400: a field of the wrong type, or (for a sign-up) missing. */
const SHAPE = [
  [(body, all) => FIELDS.every((f) => (body[f] === undefined ? !all : typeof body[f] === 'string')), 'email, name and password must be strings'],
];
/** 422: values that break a rule (only the fields given). */
const RULES = [
  [(body) => body.email === undefined || /^[^@]+@[^@]+$/.test(body.email), 'email must have one @ with text on both sides'],
  [(body) => body.name === undefined || body.name.trim().length > 0, 'name must not be blank'],
  [(body) => body.password === undefined || body.password.length >= 8, 'password must have 8 characters or more'],
];

class Refusal extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function check(body, all) {
  if (!isObject(body)) throw new Refusal(400, 'send a JSON object');
  for (const [ok, message] of SHAPE) if (!ok(body, all)) throw new Refusal(400, message);
  for (const [ok, message] of RULES) if (!ok(body)) throw new Refusal(422, message);
  return body;
}

/** Runs a write, turning SQLite's unique-constraint error into a 409. */
function write(run) {
  try {
    return run();
  } catch (err) {
    if (err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new Refusal(409, 'that e-mail address is taken');
    throw err;
  }
}

exports.createApp = function createApp() {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name TEXT NOT NULL,
    password TEXT NOT NULL
  )`);
  const shown = db.prepare('SELECT id, email, name FROM accounts WHERE id = ?');
  const account = (idText) => {
    const found = /^[0-9]+$/.test(idText) ? shown.get(Number(idText)) : undefined;
    if (!found) throw new Refusal(404, `no account ${idText}`);
    return found;
  };

  const app = express();
  app.use(express.json());

  app.post('/users', (req, res) => {
    const { email, name, password } = check(req.body, true);
    const { lastInsertRowid } = write(() => db.prepare('INSERT INTO accounts (email, name, password) VALUES (?, ?, ?)').run(email, name, password));
    res.status(201).location(`/users/${lastInsertRowid}`).json(shown.get(lastInsertRowid));
  });

  app.get('/users/:id', (req, res) => {
    res.json(account(req.params.id));
  });

  app.patch('/users/:id', (req, res) => {
    const { id } = account(req.params.id);
    const body = check(req.body, false);
    const given = FIELDS.filter((f) => body[f] !== undefined);
    if (given.length > 0) {
      const sets = given.map((f) => `${f} = @${f}`).join(', ');
      write(() => db.prepare(`UPDATE accounts SET ${sets} WHERE id = @id`).run({ ...Object.fromEntries(given.map((f) => [f, body[f]])), id }));
    }
    res.json(shown.get(id));
  });

  app.delete('/users/:id', (req, res) => {
    db.prepare('DELETE FROM accounts WHERE id = ?').run(account(req.params.id).id);
    res.status(204).end();
  });

  app.use((err, req, res, next) => {
    if (err instanceof Refusal) return res.status(err.status).json({ error: err.message });
    if (err && err.type === 'entity.parse.failed') return res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
};
