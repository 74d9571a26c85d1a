const express = require('express');

function createApp() {
  const app = express();
  app.use(express.json());
  app.get('/ping', (_req, res) => res.json({ pong: true }));
  app.post('/echo', (req, res) => res.json(req.body));
  return app;
}

module.exports = { createApp };
