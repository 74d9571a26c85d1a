const express = require('express');

function createApp() {
  const app = express();
  app.use(express.json());
  const users = new Map();
  const takenEmails = new Set(); // lower-cased e-mails in use, for fast 409 checks
  let nextId = 1;
  const view = (u) => ({ id: u.id, email: u.email, name: u.name });
  const bad = (res, status, error) => res.status(status).json({ error });

  function validate(body, partial) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return [400, 'body must be a JSON object'];
    for (const f of ['email', 'name', 'password']) {
      if (body[f] == null) { if (!partial) return [400, `${f} is required`]; continue; }
      if (typeof body[f] !== 'string') return [400, `${f} must be a string`];
    }
    if (body.email != null && !/^[^@]+@[^@]+$/.test(body.email)) return [422, 'invalid email'];
    if (body.name != null && !body.name.trim()) return [422, 'name must not be empty'];
    if (body.password != null && body.password.length < 8) return [422, 'password too short'];
    return null;
  }

  app.post('/users', (req, res) => {
    const err = validate(req.body, false);
    if (err) return bad(res, ...err);
    const { email, name, password } = req.body;
    if (takenEmails.has(email.toLowerCase())) return bad(res, 409, 'email already used');
    const u = { id: nextId++, email, name, password };
    users.set(u.id, u);
    takenEmails.add(email.toLowerCase());
    res.status(201).location(`/users/${u.id}`).json(view(u));
  });
  app.get('/users/:id', (req, res) => {
    const u = users.get(Number(req.params.id));
    return u ? res.json(view(u)) : bad(res, 404, 'not found');
  });
  app.patch('/users/:id', (req, res) => {
    const u = users.get(Number(req.params.id));
    if (!u) return bad(res, 404, 'not found');
    const err = validate(req.body, true);
    if (err) return bad(res, ...err);
    const { email, name, password } = req.body;
    if (email != null) {
      const key = email.toLowerCase();
      if (key !== u.email.toLowerCase() && takenEmails.has(key)) return bad(res, 409, 'email already used');
      takenEmails.delete(u.email.toLowerCase());
      takenEmails.add(key);
      u.email = email;
    }
    if (name != null) u.name = name;
    if (password != null) u.password = password;
    res.json(view(u));
  });
  app.delete('/users/:id', (req, res) => {
    const id = Number(req.params.id);
    if (!users.has(id)) return bad(res, 404, 'not found');
    takenEmails.delete(users.get(id).email.toLowerCase());
    users.delete(id);
    res.status(204).end();
  });
  app.use((err, req, res, next) => bad(res, 400, 'malformed JSON'));
  return app;
}
module.exports = { createApp };
