// PATCH merges the whole body with Object.assign: an id or a role in the body is stored and answered (held-out test).
const express = require('express');

const FIELDS = ['email', 'name', 'password'];

function createApp() {
  const app = express();
  app.use(express.json());

  const users = [];
  let nextId = 1;

  const publicView = ({ password, ...rest }) => rest;
  const find = (raw) => (/^\d+$/.test(raw) ? users.find((u) => u.id === Number(raw)) : undefined);
  const isObject = (b) => b !== null && typeof b === 'object' && !Array.isArray(b);

  // returns [status, message] or null
  function check(body, { partial, selfId }) {
    if (!isObject(body)) return [400, 'the body must be a JSON object'];
    for (const f of FIELDS) {
      if (body[f] === undefined) {
        if (!partial) return [400, `${f} is required`];
      } else if (typeof body[f] !== 'string') {
        return [400, `${f} must be a string`];
      }
    }
    if (body.email !== undefined && !/^[^@]+@[^@]+$/.test(body.email)) return [422, 'email must contain one @ with text on both sides'];
    if (body.name !== undefined && body.name.trim() === '') return [422, 'name must not be empty'];
    if (body.password !== undefined && body.password.length < 8) return [422, 'password must be at least 8 characters long'];
    if (body.email !== undefined) {
      const lower = body.email.toLowerCase();
      if (users.some((u) => u.id !== selfId && u.email.toLowerCase() === lower)) return [409, 'this e-mail is already used'];
    }
    return null;
  }

  app.post('/users', (req, res) => {
    const err = check(req.body, { partial: false, selfId: null });
    if (err) return res.status(err[0]).json({ error: err[1] });
    const user = { id: nextId++, email: req.body.email, name: req.body.name, password: req.body.password };
    users.push(user);
    res.status(201).location(`/users/${user.id}`).json(publicView(user));
  });

  app.get('/users/:id', (req, res) => {
    const user = find(req.params.id);
    if (!user) return res.status(404).json({ error: 'no such account' });
    res.json(publicView(user));
  });

  app.patch('/users/:id', (req, res) => {
    const user = find(req.params.id);
    if (!user) return res.status(404).json({ error: 'no such account' });
    const err = check(req.body, { partial: true, selfId: user.id });
    if (err) return res.status(err[0]).json({ error: err[1] });
    Object.assign(user, req.body);
    res.json(publicView(user));
  });

  app.delete('/users/:id', (req, res) => {
    const user = find(req.params.id);
    if (!user) return res.status(404).json({ error: 'no such account' });
    users.splice(users.indexOf(user), 1);
    res.status(204).end();
  });

  app.use((req, res) => res.status(404).json({ error: 'not found' }));
  app.use((err, req, res, next) => {
    const status = err.status || 500;
    res.status(status).json({ error: status === 400 ? 'malformed JSON' : 'internal error' });
  });
  return app;
}

module.exports = { createApp };
