const express = require('express');

function intParam(value, name, min, max) {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new Error(`${name} must be a whole number`);
  const n = Number(value);
  if (n < min || n > max) throw new Error(`${name} out of range`);
  return n;
}

function createApp() {
  const app = express();
  app.use(express.json());
  const products = [];
  let nextId = 1;

  app.post('/products', (req, res) => {
    const { name, category, priceCents } = req.body || {};
    if (typeof req.body !== 'object' || Array.isArray(req.body) || req.body === null) return res.status(400).json({ error: 'body must be an object' });
    if (typeof name !== 'string' || !name) return res.status(400).json({ error: 'name required' });
    if (typeof category !== 'string' || !category) return res.status(400).json({ error: 'category required' });
    if (!Number.isInteger(priceCents) || priceCents < 0) return res.status(400).json({ error: 'priceCents must be an integer >= 0' });
    const p = { id: nextId++, name, category, priceCents };
    products.push(p);
    res.status(201).location(`/products/${p.id}`).json(p);
  });
  app.get('/products/:id', (req, res) => {
    const p = products.find((x) => String(x.id) === req.params.id);
    return p ? res.json(p) : res.status(404).json({ error: 'not found' });
  });
  app.get('/products', (req, res) => {
    let page, pageSize, minPrice, maxPrice;
    try {
      page = intParam(req.query.page, 'page', 1, Infinity) || 1;
      pageSize = intParam(req.query.pageSize, 'pageSize', 1, 50) || 10;
      minPrice = intParam(req.query.minPrice, 'minPrice', 0, Infinity);
      maxPrice = intParam(req.query.maxPrice, 'maxPrice', 0, Infinity);
    } catch (e) { return res.status(400).json({ error: e.message }); }
    const { category } = req.query;
    let list = products;
    if (category !== undefined) list = list.filter((p) => p.category === category);
    if (minPrice) list = list.filter((p) => p.priceCents >= minPrice);
    if (maxPrice) list = list.filter((p) => p.priceCents <= maxPrice);
    const start = (page - 1) * pageSize;
    res.json({ items: list.slice(start, start + pageSize), page, pageSize, total: list.length, totalPages: Math.ceil(list.length / pageSize) });
  });
  app.use((err, req, res, next) => res.status(400).json({ error: 'invalid JSON' }));
  return app;
}
module.exports = { createApp };
