const express = require('express');

const WHOLE = /^(0|[1-9][0-9]*)$/;
const PARAMS = {
  page:     { min: 1, max: Infinity, def: 1 },
  pageSize: { min: 1, max: 50, def: 10 },
  minPrice: { min: 0, max: Infinity, def: undefined },
  maxPrice: { min: 0, max: Infinity, def: undefined },
};

function readParams(query) {
  const out = {};
  for (const [key, { min, max, def }] of Object.entries(PARAMS)) {
    const raw = query[key];
    if (raw === undefined) { out[key] = def; continue; }
    if (typeof raw !== 'string' || !WHOLE.test(raw)) throw Object.assign(new Error(`${key} must be a whole number`), { status: 400 });
    const n = Number(raw);
    if (n < min || n > max) throw Object.assign(new Error(`${key} is out of range`), { status: 400 });
    out[key] = n;
  }
  if (query.category !== undefined && typeof query.category !== 'string') throw Object.assign(new Error('category must be a string'), { status: 400 });
  out.category = query.category;
  return out;
}

const compose = (...preds) => (x) => preds.every((p) => p(x));

function createApp() {
  const app = express();
  app.use(express.json());
  let products = [];
  let lastId = 0;

  app.post('/products', (req, res) => {
    const b = req.body;
    const valid = b && typeof b === 'object' && !Array.isArray(b)
      && typeof b.name === 'string' && b.name.length > 0
      && typeof b.category === 'string' && b.category.length > 0
      && Number.isInteger(b.priceCents) && b.priceCents >= 0;
    if (!valid) return res.status(400).json({ error: 'expected { name, category, priceCents } (non-empty strings, an integer >= 0)' });
    const product = { id: ++lastId, name: b.name, category: b.category, priceCents: b.priceCents };
    products = [...products, product];
    res.status(201).location(`/products/${product.id}`).json(product);
  });

  app.get('/products/:id', (req, res) => {
    const p = WHOLE.test(req.params.id) && products.find((x) => x.id === Number(req.params.id));
    return p ? res.json(p) : res.status(404).json({ error: 'product not found' });
  });

  app.get('/products', (req, res) => {
    let q;
    try { q = readParams(req.query); } catch (e) { return res.status(400).json({ error: e.message }); }
    const matching = products.filter(compose(
      (p) => q.category === undefined || p.category === q.category,
      (p) => q.minPrice === undefined || p.priceCents >= q.minPrice,
      (p) => q.maxPrice === undefined || p.priceCents <= q.maxPrice,
    ));
    const start = (q.page - 1) * q.pageSize;
    res.json({
      items: matching.slice(start, start + q.pageSize),
      page: q.page,
      pageSize: q.pageSize,
      total: matching.length,
      totalPages: Math.ceil(matching.length / q.pageSize),
    });
  });

  app.use((err, req, res, next) => res.status(err.status >= 400 && err.status < 500 ? err.status : 400).json({ error: 'malformed JSON near: ' + err.message }));
  return app;
}
module.exports = { createApp };
