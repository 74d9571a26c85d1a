const express = require('express');

// A small TTL cache. Redis felt like overkill for one process.
class TtlCache {
  constructor() {
    this.entries = new Map();
  }
  get(key) {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (Date.now() > e.expires) {
      this.entries.delete(key);
      return undefined;
    }
    return JSON.parse(e.value);
  }
  set(key, value, seconds) {
    this.entries.set(key, { value: JSON.stringify(value), expires: Date.now() + seconds * 1000 });
  }
  del(...keys) {
    for (const k of keys) this.entries.delete(k);
  }
}

function createApp() {
  const cache = new TtlCache();
  const source = process.env.SOURCE_URL;
  const app = express();
  app.use(express.json());

  async function ask(path, init) {
    try {
      const r = await fetch(source + path, init);
      if (r.status === 404) return { status: 404 };
      if (!r.ok) return { status: 502 };
      return { status: 200, data: await r.json() };
    } catch {
      return { status: 502 };
    }
  }
  const send = (res, r) => r.status === 200 ? res.json(r.data)
    : res.status(r.status).json({ error: r.status === 404 ? 'product not found' : 'source failed' });

  async function product(id) {
    const hit = cache.get(`product:${id}`);
    if (hit !== undefined) return { status: 200, data: hit };
    const r = await ask(`/products/${encodeURIComponent(id)}`);
    if (r.status === 200) cache.set(`product:${id}`, r.data, 300);
    return r;
  }

  app.get('/products/:id', async (req, res) => send(res, await product(req.params.id)));

  app.get('/products', async (req, res) => {
    const c = String(req.query.category ?? '');
    const hit = cache.get(`products:category:${c}`);
    if (hit !== undefined) return res.json(hit);
    const r = await ask(`/products?category=${encodeURIComponent(c)}`);
    if (r.status === 200) cache.set(`products:category:${c}`, r.data, 60);
    send(res, r.status === 404 ? { status: 502 } : r);
  });

  app.put('/products/:id', async (req, res) => {
    const b = req.body || {};
    if (typeof b.name !== 'string' || !b.name || typeof b.category !== 'string' || !b.category ||
        typeof b.price !== 'number' || !(b.price >= 0)) {
      return res.status(400).json({ error: 'invalid product' });
    }
    const id = req.params.id;
    const before = await product(id);
    if (before.status === 502) return send(res, before);
    const r = await ask(`/products/${encodeURIComponent(id)}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b),
    });
    if (r.status === 200) {
      cache.del(`product:${id}`, `products:category:${r.data.category}`);
      if (before.status === 200) cache.del(`products:category:${before.data.category}`);
    }
    send(res, r);
  });

  app.use((err, req, res, next) => res.status(err.status || 500).json({ error: 'bad request' }));
  return app;
}

module.exports = { createApp };
