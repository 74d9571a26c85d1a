// An alternative correct solution (held-out test): zod, a Map in a class.
'use strict';
const express = require('express');
const { z } = require('zod');

// Stage 1: types only (-> 400)
const Typed = z.object({
  email: z.string().optional(),
  name: z.string().optional(),
  password: z.string().optional(),
});
// Stage 2: values (-> 422)
const Rules = {
  email: (v) => v.split('@').length === 2 && v.split('@').every((part) => part.length > 0),
  name: (v) => v.trim().length > 0,
  password: (v) => v.length >= 8,
};

class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

class Accounts {
  constructor() { this.byId = new Map(); this.lastId = 0; }
  emailTaken(email, exceptId) {
    const key = email.toLocaleLowerCase('en-US');
    for (const a of this.byId.values()) {
      if (a.id !== exceptId && a.email.toLocaleLowerCase('en-US') === key) return true;
    }
    return false;
  }
  validate(body, { creating, exceptId }) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'malformed body: a JSON object is expected');
    }
    const typed = Typed.safeParse(body);
    if (!typed.success) throw new HttpError(400, `syntax error near "${typed.error.issues[0].path.join('.')}": expected a string`);
    const data = typed.data;
    if (creating) {
      for (const k of ['email', 'name', 'password']) {
        if (data[k] === undefined) throw new HttpError(400, `${k} is missing`);
      }
    }
    for (const [k, ok] of Object.entries(Rules)) {
      if (data[k] !== undefined && !ok(data[k])) throw new HttpError(422, `${k} is not acceptable`);
    }
    if (data.email !== undefined && this.emailTaken(data.email, exceptId)) {
      throw new HttpError(409, 'e-mail already registered');
    }
    return data;
  }
  get(rawId) {
    const id = Number(rawId);
    const a = String(id) === rawId ? this.byId.get(id) : undefined;
    if (!a) throw new HttpError(404, `account ${rawId} not found`);
    return a;
  }
}

const view = ({ id, email, name }) => ({ id, email, name });

function createApp() {
  const accounts = new Accounts();
  const app = express();
  app.use(express.json({ strict: false }));

  app.post('/users', (req, res) => {
    const data = accounts.validate(req.body, { creating: true });
    const account = { id: ++accounts.lastId, email: data.email, name: data.name, password: data.password };
    accounts.byId.set(account.id, account);
    res.status(201).set('Location', `/users/${account.id}`).json(view(account));
  });

  app.get('/users/:id', (req, res) => res.json(view(accounts.get(req.params.id))));

  app.patch('/users/:id', (req, res) => {
    // body errors first (400 > 422 > 409), then existence
    const exists = accounts.byId.get(Number(req.params.id));
    const data = accounts.validate(req.body, { creating: false, exceptId: exists ? exists.id : undefined });
    const account = accounts.get(req.params.id);
    Object.assign(account, Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)));
    res.status(200).json(view(account));
  });

  app.delete('/users/:id', (req, res) => {
    const account = accounts.get(req.params.id);
    accounts.byId.delete(account.id);
    res.sendStatus(204);
  });

  app.all('/{*rest}', () => { throw new HttpError(404, 'route not found'); });

  app.use((err, req, res, _next) => {
    const status = err instanceof HttpError ? err.status : (err.status === 400 ? 400 : 500);
    res.status(status).json({ error: err instanceof HttpError ? err.message : 'malformed JSON' });
  });
  return app;
}

module.exports = { createApp };
