const express = require('express');
const Redis = require('ioredis');

const PRODUCT_TTL = 300; // seconds
const LIST_TTL = 60; // seconds

function createApp() {
  const redis = new Redis(process.env.REDIS_URL);
  const source = process.env.SOURCE_URL;
  const app = express();
  app.use(express.json());

  const productKey = (id) => `product:${id}`;
  const listKey = (category) => `products:category:${category}`;

  // Reads a product: Redis first, then the source. Returns { status, body }.
  async function readProduct(id) {
    const cached = await redis.get(productKey(id));
    if (cached !== null) return { status: 200, body: JSON.parse(cached) };
    let r;
    try {
      r = await fetch(`${source}/products/${encodeURIComponent(id)}`);
    } catch (e) {
      return { status: 502, body: { error: 'the product source is unreachable' } };
    }
    if (r.status === 404) return { status: 404, body: { error: 'product not found' } };
    if (!r.ok) return { status: 502, body: { error: 'the product source failed' } };
    const product = await r.json();
    await redis.set(productKey(id), JSON.stringify(product), 'EX', PRODUCT_TTL);
    return { status: 200, body: product };
  }

  app.get('/products/:id', async (req, res) => {
    const { status, body } = await readProduct(req.params.id);
    res.status(status).json(body);
  });

  app.get('/products', async (req, res) => {
    const category = req.query.category;
    if (typeof category !== 'string') {
      return res.status(400).json({ error: 'category is required' });
    }
    const cached = await redis.get(listKey(category));
    if (cached !== null) return res.json(JSON.parse(cached));
    let r;
    try {
      r = await fetch(`${source}/products?category=${encodeURIComponent(category)}`);
    } catch (e) {
      return res.status(502).json({ error: 'the product source is unreachable' });
    }
    const list = await r.json();
    await redis.set(listKey(category), JSON.stringify(list), 'EX', LIST_TTL);
    res.json(list);
  });

  app.put('/products/:id', async (req, res) => {
    const body = req.body;
    const valid =
      body && typeof body === 'object' && !Array.isArray(body) &&
      typeof body.name === 'string' && body.name.length > 0 &&
      typeof body.category === 'string' && body.category.length > 0 &&
      typeof body.price === 'number' && Number.isFinite(body.price) && body.price >= 0;
    if (!valid) {
      return res.status(400).json({ error: 'name and category must be non-empty strings and price a number >= 0' });
    }
    const id = req.params.id;

    // Which category was it in before? Needed to drop the old list.
    const before = await readProduct(id);
    if (before.status === 502) return res.status(502).json(before.body);
    const oldCategory = before.status === 200 ? before.body.category : null;

    let r;
    try {
      r = await fetch(`${source}/products/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (e) {
      return res.status(502).json({ error: 'the product source is unreachable' });
    }
    if (r.status === 404) return res.status(404).json({ error: 'product not found' });
    if (!r.ok) return res.status(502).json({ error: 'the product source failed' });
    const updated = await r.json();

    const keys = [productKey(id), listKey(updated.category), listKey(body.category)];
    if (oldCategory !== null) keys.push(listKey(oldCategory));
    await redis.del(...keys);
    res.json(updated);
  });

  // malformed JSON and anything unexpected: still a JSON error
  app.use((err, req, res, next) => {
    if (err && err.type === 'entity.parse.failed') {
      return res.status(400).json({ error: 'the body is not valid JSON' });
    }
    res.status(500).json({ error: 'internal error' });
  });

  return app;
}

module.exports = { createApp };
