// Looks for a taken address before checking the rules: 409 where 422 comes first.
const express = require('express');

const FIELDS = ['email', 'name', 'password'];

/** 400: not an object, or a field of the wrong type (or missing, when every field is required). */
function shapeProblem(body, requireAll) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  for (const field of FIELDS) {
    if (body[field] === undefined) {
      if (requireAll) return `${field} is required`;
    } else if (typeof body[field] !== 'string') return `${field} must be a string`;
  }
  return undefined;
}

/** 422: well-formed values that break a rule. */
function valueProblem(body) {
  if (body.email !== undefined && !/^[^@]+@[^@]+$/.test(body.email)) return 'email must look like name@domain';
  if (body.name !== undefined && body.name.trim() === '') return 'name must not be empty';
  if (body.password !== undefined && body.password.length < 8) return 'password must be at least 8 characters long';
  return undefined;
}

function createApp() {
  const app = express();
  app.use(express.json());

  const users = new Map();
  let lastId = 0;
  const view = (u) => ({ id: u.id, email: u.email, name: u.name });
  const taken = (email, exceptId) => [...users.values()].some((u) => u.id !== exceptId && u.email.toLowerCase() === email.toLowerCase());
  const find = (req) => users.get(Number(/^\d+$/.test(req.params.id) ? req.params.id : NaN));
  const fail = (res, status, error) => res.status(status).json({ error });

  app.post('/users', (req, res) => {
    const shape = shapeProblem(req.body, true);
    if (shape) return fail(res, 400, shape);
    // The address first: a taken address is answered 409 even when a value breaks a rule.
    if (taken(req.body.email)) return fail(res, 409, 'this e-mail address is already used');
    const value = valueProblem(req.body);
    if (value) return fail(res, 422, value);
    lastId += 1;
    const user = { id: lastId, email: req.body.email, name: req.body.name, password: req.body.password };
    users.set(user.id, user);
    res.status(201).location(`/users/${user.id}`).json(view(user));
  });

  app.get('/users/:id', (req, res) => {
    const user = find(req);
    if (!user) return fail(res, 404, `no account ${req.params.id}`);
    res.json(view(user));
  });

  app.patch('/users/:id', (req, res) => {
    const user = find(req);
    if (!user) return fail(res, 404, `no account ${req.params.id}`);
    const shape = shapeProblem(req.body, false);
    if (shape) return fail(res, 400, shape);
    if (req.body.email !== undefined && taken(req.body.email, user.id)) return fail(res, 409, 'this e-mail address is already used');
    const value = valueProblem(req.body);
    if (value) return fail(res, 422, value);
    for (const field of FIELDS) if (req.body[field] !== undefined) user[field] = req.body[field];
    res.json(view(user));
  });

  app.delete('/users/:id', (req, res) => {
    const user = find(req);
    if (!user) return fail(res, 404, `no account ${req.params.id}`);
    users.delete(user.id);
    res.status(204).end();
  });

  // Malformed JSON: express.json() fails before any route; answer 400 as JSON.
  app.use((err, req, res, next) => {
    if (err && err.type === 'entity.parse.failed') return fail(res, 400, 'the body is not valid JSON');
    next(err);
  });
  return app;
}

module.exports = { createApp };
