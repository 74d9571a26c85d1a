const express = require('express');
const Redis = require('ioredis');

const PRODUCT_TTL_S = 300;
const LIST_TTL_S = 60;

const productKey = (id) => `product:${id}`;
const categoryKey = (category) => `products:category:${category}`;

/** A source answer that is neither 2xx nor 404. */
class SourceFailed extends Error {}

function createApp() {
  const redis = new Redis(process.env.REDIS_URL);
  const source = process.env.SOURCE_URL;

  /** The source's JSON for a GET, or null for 404; throws SourceFailed otherwise. */
  async function sourceGet(path) {
    const res = await fetch(`${source}${path}`);
    if (res.status === 404) return null;
    if (!res.ok) throw new SourceFailed(`the source answered ${res.status}`);
    return res.json();
  }

  /** Cache-aside: Redis first; on a miss the source, kept with a TTL when found. */
  async function cached(key, ttl, load) {
    const hit = await redis.get(key);
    if (hit !== null) return JSON.parse(hit);
    const value = await load();
    if (value !== null) await redis.set(key, JSON.stringify(value));
    return value;
  }

  const app = express();
  app.use(express.json());

  const handle = (route) => async (req, res) => {
    try {
      await route(req, res);
    } catch (err) {
      if (err instanceof SourceFailed || err instanceof TypeError) return res.status(502).json({ error: 'the product source is not available' });
      res.status(500).json({ error: 'internal error' });
    }
  };

  app.get('/products/:id', handle(async (req, res) => {
    const id = encodeURIComponent(req.params.id);
    const product = await cached(productKey(req.params.id), PRODUCT_TTL_S, () => sourceGet(`/products/${id}`));
    if (product === null) return res.status(404).json({ error: 'no such product' });
    res.json(product);
  }));

  app.get('/products', handle(async (req, res) => {
    const category = typeof req.query.category === 'string' ? req.query.category : '';
    const list = await cached(categoryKey(category), LIST_TTL_S, () => sourceGet(`/products?category=${encodeURIComponent(category)}`));
    res.json(list ?? []);
  }));

  app.put('/products/:id', handle(async (req, res) => {
    const { name, category, price } = req.body ?? {};
    const valid = typeof name === 'string' && name !== '' && typeof category === 'string' && category !== '' && typeof price === 'number' && Number.isFinite(price) && price >= 0;
    if (!valid) return res.status(400).json({ error: 'name and category must be non-empty strings and price a number >= 0' });
    const id = encodeURIComponent(req.params.id);
    // The category it had, read before the change (from the cache or the source): its list changes too.
    const before = await cached(productKey(req.params.id), PRODUCT_TTL_S, () => sourceGet(`/products/${id}`));
    const answer = await fetch(`${source}/products/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, category, price }) });
    if (answer.status === 404) {
      await redis.del(productKey(req.params.id));
      return res.status(404).json({ error: 'no such product' });
    }
    if (!answer.ok) throw new SourceFailed(`the source answered ${answer.status}`);
    const product = await answer.json();
    const stale = [productKey(req.params.id), categoryKey(product.category)];
    if (before) stale.push(categoryKey(before.category));
    await redis.del(...stale);
    res.json(product);
  }));

  return app;
}

module.exports = { createApp };
