// Write-through: a successful change stores the new product at once (with its TTL), and every
// category list is dropped, found with SCAN, whatever category the product had.
const express = require('express');
const Redis = require('ioredis');

module.exports.createApp = function createApp() {
  const redis = new Redis(process.env.REDIS_URL);
  const base = process.env.SOURCE_URL;
  const app = express();
  app.use(express.json());

  async function fromSource(path, init) {
    let res;
    try {
      res = await fetch(base + path, init);
    } catch {
      return { failed: true };
    }
    if (res.status >= 500) return { failed: true };
    return { status: res.status, body: res.status === 404 ? null : await res.json() };
  }

  async function dropLists() {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'products:category:*', 'COUNT', 100);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  }

  app.get('/products/:id', async (req, res) => {
    const key = 'product:' + req.params.id;
    const hit = await redis.get(key);
    if (hit) return res.type('json').send(hit);
    const answer = await fromSource('/products/' + encodeURIComponent(req.params.id));
    if (answer.failed) return res.status(502).json({ error: 'source unavailable' });
    if (answer.status === 404) return res.status(404).json({ error: 'product not found' });
    await redis.setex(key, 300, JSON.stringify(answer.body));
    res.json(answer.body);
  });

  app.get('/products', async (req, res) => {
    const category = String(req.query.category ?? '');
    const key = 'products:category:' + category;
    const hit = await redis.get(key);
    if (hit) return res.type('json').send(hit);
    const answer = await fromSource('/products?category=' + encodeURIComponent(category));
    if (answer.failed) return res.status(502).json({ error: 'source unavailable' });
    await redis.setex(key, 60, JSON.stringify(answer.body));
    res.json(answer.body);
  });

  app.put('/products/:id', async (req, res) => {
    const b = req.body || {};
    if (typeof b.name !== 'string' || !b.name || typeof b.category !== 'string' || !b.category || typeof b.price !== 'number' || !(b.price >= 0)) {
      return res.status(400).json({ error: 'invalid product' });
    }
    const answer = await fromSource('/products/' + encodeURIComponent(req.params.id), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: b.name, category: b.category, price: b.price }),
    });
    if (answer.failed) return res.status(502).json({ error: 'source unavailable' });
    if (answer.status === 404) return res.status(404).json({ error: 'product not found' });
    await redis.set('product:' + req.params.id, JSON.stringify(answer.body), 'EX', 300);
    await dropLists();
    res.json(answer.body);
  });

  return app;
};
