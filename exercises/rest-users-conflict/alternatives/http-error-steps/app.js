'use strict';
const express = require('express');

class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}
const FIELDS = ['email', 'name', 'password'];

class Accounts {
  constructor() { this.byId = new Map(); this.seq = 0; }
  emailTaken(email, exceptId) {
    const key = email.toLowerCase();
    for (const u of this.byId.values()) if (u.id !== exceptId && u.email.toLowerCase() === key) return true;
    return false;
  }
  create(fields) { const u = { id: ++this.seq, ...fields }; this.byId.set(u.id, u); return u; }
}
const publicView = ({ id, email, name }) => ({ id, email, name });

function checkShape(body, required) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'body must be a JSON object');
  for (const f of FIELDS) {
    if (body[f] === undefined) { if (required) throw new HttpError(400, `${f} is required`); continue; }
    if (typeof body[f] !== 'string') throw new HttpError(400, `${f} must be a string`);
  }
}
function checkValues(body) {
  if (body.email !== undefined && !/^[^@]+@[^@]+$/.test(body.email)) throw new HttpError(422, 'email must contain one @ with text on both sides');
  if (body.name !== undefined && body.name.trim() === '') throw new HttpError(422, 'name must not be empty');
  if (body.password !== undefined && [...body.password].length < 8) throw new HttpError(422, 'password must be at least 8 characters');
}
const pick = (body) => Object.fromEntries(FIELDS.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));

function createApp() {
  const app = express();
  const accounts = new Accounts();
  app.use(express.json({ strict: false }));

  const find = (idText) => {
    const u = /^\d+$/.test(idText) ? accounts.byId.get(Number(idText)) : undefined;
    if (!u) throw new HttpError(404, 'no such account');
    return u;
  };

  app.post('/users', (req, res) => {
    checkShape(req.body, true);
    checkValues(req.body);
    if (accounts.emailTaken(req.body.email)) throw new HttpError(409, 'email already in use');
    const u = accounts.create(pick(req.body));
    res.status(201).location(`/users/${u.id}`).json(publicView(u));
  });
  app.get('/users/:id', (req, res) => res.json(publicView(find(req.params.id))));
  app.patch('/users/:id', (req, res) => {
    const u = find(req.params.id);
    checkShape(req.body, false);
    checkValues(req.body);
    if (req.body.email !== undefined && accounts.emailTaken(req.body.email, u.id)) throw new HttpError(409, 'email already in use');
    Object.assign(u, pick(req.body));
    res.json(publicView(u));
  });
  app.delete('/users/:id', (req, res) => {
    const u = find(req.params.id);
    accounts.byId.delete(u.id);
    res.status(204).end();
  });
  app.use((err, req, res, next) => {
    if (err instanceof HttpError) return res.status(err.status).json({ error: err.message });
    if (err.type === 'entity.parse.failed') return res.status(400).json({ error: 'malformed JSON: syntax error near ' + err.message });
    res.status(err.status || 500).json({ error: String(err.message) });
  });
  return app;
}
module.exports = { createApp };
