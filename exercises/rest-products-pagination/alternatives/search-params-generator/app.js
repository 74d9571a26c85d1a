// An alternative: the query string read by hand with URLSearchParams, the filters as a list of
// predicates, pages cut by a generator, a class for the catalogue.
const express = require('express');

const LIMITS = { page: [1, Infinity], pageSize: [1, 50], minPrice: [0, Infinity], maxPrice: [0, Infinity] };

class BadParameter extends Error {}

/** A whole number within its limits, or the default when the parameter is absent. */
function wholeNumber(params, name, fallback) {
  if (!params.has(name)) return fallback;
  const text = params.get(name);
  const [low, high] = LIMITS[name];
  if (!/^[0-9]+$/.test(text)) throw new BadParameter(`${name} must be a whole number`);
  const n = Number(text);
  if (n < low || n > high) throw new BadParameter(`${name} must be from ${low} to ${high}`);
  return n;
}

function* slice(items, from, count) {
  for (let i = from; i < Math.min(items.length, from + count); i += 1) yield items[i];
}

class Catalogue {
  constructor() {
    this.products = [];
  }

  add({ name, category, priceCents }) {
    const product = { id: this.products.length + 1, name, category, priceCents };
    this.products.push(product);
    return product;
  }

  byId(text) {
    return this.products.find((p) => `${p.id}` === text);
  }
}

const nonEmpty = (v) => typeof v === 'string' && v !== '';

exports.createApp = () => {
  const catalogue = new Catalogue();
  const app = express();
  app.use(express.json());

  app.post('/products', (req, res) => {
    const b = req.body;
    const valid = b !== null && typeof b === 'object' && !Array.isArray(b) && nonEmpty(b.name) && nonEmpty(b.category) && Number.isInteger(b.priceCents) && b.priceCents >= 0;
    if (!valid) return res.status(400).json({ error: 'a product needs a name, a category and a whole priceCents of 0 or more' });
    const product = catalogue.add(b);
    res.status(201).location(`/products/${product.id}`).json(product);
  });

  app.get('/products/:id', (req, res) => {
    const product = catalogue.byId(req.params.id);
    if (!product) return res.status(404).json({ error: 'no such product' });
    res.json(product);
  });

  app.get('/products', (req, res) => {
    const params = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    let page, pageSize, minPrice, maxPrice;
    try {
      page = wholeNumber(params, 'page', 1);
      pageSize = wholeNumber(params, 'pageSize', 10);
      minPrice = wholeNumber(params, 'minPrice', 0);
      maxPrice = wholeNumber(params, 'maxPrice', Infinity);
    } catch (err) {
      if (err instanceof BadParameter) return res.status(400).json({ error: err.message });
      throw err;
    }
    const tests = [(p) => p.priceCents >= minPrice, (p) => p.priceCents <= maxPrice];
    if (params.has('category')) tests.push((p) => p.category === params.get('category'));
    const passing = catalogue.products.filter((p) => tests.every((t) => t(p)));
    res.json({
      items: [...slice(passing, (page - 1) * pageSize, pageSize)],
      page,
      pageSize,
      total: passing.length,
      totalPages: Math.ceil(passing.length / pageSize),
    });
  });

  // Malformed JSON: express.json() fails before any route; answer 400 as JSON, as every error.
  app.use((err, req, res, next) => {
    if (err && err.type === 'entity.parse.failed') return res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
};
