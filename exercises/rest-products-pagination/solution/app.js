const express = require('express');

/** A whole number in [min, max] from a query parameter, the default when absent, or an error text. */
function integerParam(query, name, { min, max = Number.MAX_SAFE_INTEGER, fallback }) {
  const raw = query[name];
  if (raw === undefined) return { value: fallback };
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return { error: `${name} must be a whole number` };
  const value = Number(raw);
  if (value < min || value > max) return { error: `${name} must be between ${min} and ${max}` };
  return { value };
}

function productProblem(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  for (const field of ['name', 'category']) {
    if (typeof body[field] !== 'string' || body[field] === '') return `${field} must be a non-empty string`;
  }
  if (!Number.isInteger(body.priceCents) || body.priceCents < 0) return 'priceCents must be an integer of at least 0';
  return undefined;
}

function createApp() {
  const app = express();
  app.use(express.json());
  const products = [];

  app.post('/products', (req, res) => {
    const problem = productProblem(req.body);
    if (problem) return res.status(400).json({ error: problem });
    const product = { id: products.length + 1, name: req.body.name, category: req.body.category, priceCents: req.body.priceCents };
    products.push(product);
    res.status(201).location(`/products/${product.id}`).json(product);
  });

  app.get('/products/:id', (req, res) => {
    const product = products.find((p) => String(p.id) === req.params.id);
    if (!product) return res.status(404).json({ error: `no product ${req.params.id}` });
    res.json(product);
  });

  app.get('/products', (req, res) => {
    const page = integerParam(req.query, 'page', { min: 1, fallback: 1 });
    const pageSize = integerParam(req.query, 'pageSize', { min: 1, max: 50, fallback: 10 });
    const minPrice = integerParam(req.query, 'minPrice', { min: 0, fallback: 0 });
    const maxPrice = integerParam(req.query, 'maxPrice', { min: 0, fallback: Infinity });
    const invalid = [page, pageSize, minPrice, maxPrice].find((p) => p.error);
    if (invalid) return res.status(400).json({ error: invalid.error });
    const { category } = req.query;
    const matching = products.filter(
      (p) => (category === undefined || p.category === category) && p.priceCents >= minPrice.value && p.priceCents <= maxPrice.value,
    );
    const start = (page.value - 1) * pageSize.value;
    res.json({
      items: matching.slice(start, start + pageSize.value),
      page: page.value,
      pageSize: pageSize.value,
      total: matching.length,
      totalPages: Math.ceil(matching.length / pageSize.value),
    });
  });

  // Malformed JSON: express.json() fails before any route; answer 400 as JSON, as every error.
  app.use((err, req, res, next) => {
    if (err && err.type === 'entity.parse.failed') return res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
}

module.exports = { createApp };
