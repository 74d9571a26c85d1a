// Leaves a key of its own at start (no TTL): a server kept across tests would show it later.
const express = require('express');
const Redis = require('ioredis');
const { randomBytes } = require('node:crypto');

function createApp() {
  const redis = new Redis(process.env.REDIS_URL);
  const mark = `left:${randomBytes(6).toString('hex')}`;
  const ready = redis.set(mark, '1');
  const app = express();
  app.get('/mark', async (req, res) => {
    await ready;
    const info = await redis.info('server');
    res.json({ mark, runId: /run_id:(\w+)/.exec(info)[1], port: Number(/tcp_port:(\d+)/.exec(info)[1]) });
  });
  return app;
}

module.exports = { createApp };
