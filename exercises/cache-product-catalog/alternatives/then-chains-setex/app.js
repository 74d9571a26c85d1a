// Promise chains and a pipeline: the old product is read from the source itself before the change.
const express = require('express');
const Redis = require('ioredis');

const TTL = { product: 5 * 60, list: 60 };

function sourceJson(url, options) {
  return fetch(url, options).then((res) => {
    if (res.status === 404) return { notFound: true };
    if (!res.ok) throw Object.assign(new Error('source ' + res.status), { upstream: true });
    return res.json().then((body) => ({ body }));
  });
}

function createApp() {
  const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true });
  const src = process.env.SOURCE_URL;
  const app = express();
  app.use(express.json());

  const viaCache = (key, ttl, url) =>
    redis.get(key).then((hit) => {
      if (hit != null) return { body: JSON.parse(hit) };
      return sourceJson(url).then((answer) => (answer.notFound ? answer : redis.set(key, JSON.stringify(answer.body), 'PX', ttl * 1000).then(() => answer)));
    });

  app.get('/products/:id', (req, res, next) => {
    viaCache(`product:${req.params.id}`, TTL.product, `${src}/products/${encodeURIComponent(req.params.id)}`)
      .then((a) => (a.notFound ? res.status(404).json({ error: 'not found' }) : res.json(a.body)))
      .catch(next);
  });

  app.get('/products', (req, res, next) => {
    const c = req.query.category || '';
    viaCache(`products:category:${c}`, TTL.list, `${src}/products?category=${encodeURIComponent(c)}`)
      .then((a) => res.json(a.body))
      .catch(next);
  });

  app.put('/products/:id', (req, res, next) => {
    const { name, category, price } = req.body || {};
    const ok = typeof name === 'string' && name.length > 0 && typeof category === 'string' && category.length > 0 && typeof price === 'number' && Number.isFinite(price) && price >= 0;
    if (!ok) return res.status(400).json({ error: 'bad product' });
    const url = `${src}/products/${encodeURIComponent(req.params.id)}`;
    sourceJson(url)
      .then((old) => {
        if (old.notFound) return res.status(404).json({ error: 'not found' });
        return sourceJson(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, category, price }) }).then((updated) => {
          if (updated.notFound) return res.status(404).json({ error: 'not found' });
          return redis
            .pipeline()
            .del(`product:${req.params.id}`)
            .del(`products:category:${old.body.category}`)
            .del(`products:category:${updated.body.category}`)
            .exec()
            .then(() => res.json(updated.body));
        });
      })
      .catch(next);
  });

  app.use((err, req, res, next) => {
    if (err.upstream || err instanceof TypeError) return res.status(502).json({ error: 'source unavailable' });
    res.status(500).json({ error: 'internal error' });
  });

  return app;
}

module.exports = { createApp };
