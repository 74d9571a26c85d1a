const express = require('express');

function createApp() {
  const app = express();
  app.use(express.json());
  const users = [];

  app.post('/users', (req, res) => {
    const user = { id: users.length + 1, ...req.body };
    users.push(user);
    res.json(user);
  });

  // TODO: GET, PATCH and DELETE /users/:id; validation (400, 422), conflicts (409), 404.

  return app;
}

module.exports = { createApp };
