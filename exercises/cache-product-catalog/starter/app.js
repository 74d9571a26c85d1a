const express = require('express');
const Redis = require('ioredis');

function createApp() {
  const redis = new Redis(process.env.REDIS_URL);
  const source = process.env.SOURCE_URL;
  const app = express();
  app.use(express.json());

  // TODO: GET /products/:id, GET /products?category=..., PUT /products/:id,
  // with the cache described in the statement.

  return app;
}

module.exports = { createApp };
