// An alternative correct solution (held-out test): SQLite in memory, zod.
'use strict';
const express = require('express');
const Database = require('better-sqlite3');
const { z } = require('zod');

const whole = (min, max) => z.string().regex(/^[0-9]+$/, 'not a whole number')
  .transform((s) => Number(s))
  .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, 'out of range');

const ListQuery = z.object({
  category: z.string().optional(),
  minPrice: whole(0, Number.MAX_SAFE_INTEGER).optional(),
  maxPrice: whole(0, Number.MAX_SAFE_INTEGER).optional(),
  page: whole(1, Number.MAX_SAFE_INTEGER).optional(),
  pageSize: whole(1, 50).optional(),
});

const NewProduct = z.object({
  name: z.string().min(1),
  category: z.string().min(1),
  priceCents: z.number().int().nonnegative(),
});

function createApp() {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE products (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,
           category TEXT NOT NULL, price_cents INTEGER NOT NULL)`);
  const cols = 'id, name, category, price_cents AS priceCents';
  const insert = db.prepare('INSERT INTO products (name, category, price_cents) VALUES (?, ?, ?)');
  const byId = db.prepare(`SELECT ${cols} FROM products WHERE id = ?`);
  const where = `WHERE (:category IS NULL OR category = :category)
                   AND (:minPrice IS NULL OR price_cents >= :minPrice)
                   AND (:maxPrice IS NULL OR price_cents <= :maxPrice)`;
  const count = db.prepare(`SELECT COUNT(*) AS n FROM products ${where}`);
  const pageQ = db.prepare(`SELECT ${cols} FROM products ${where} ORDER BY id LIMIT :limit OFFSET :offset`);

  const app = express();
  app.use(express.json({ strict: false }));

  app.post('/products', (req, res) => {
    const r = NewProduct.safeParse(req.body);
    if (!r.success) {
      return res.status(400).json({ error: 'malformed product: ' + r.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ') });
    }
    const info = insert.run(r.data.name, r.data.category, r.data.priceCents);
    const product = byId.get(info.lastInsertRowid);
    res.status(201).setHeader('Location', `/products/${product.id}`);
    res.json(product);
  });

  app.get('/products/:id', (req, res) => {
    const product = /^[0-9]{1,15}$/.test(req.params.id) ? byId.get(Number(req.params.id)) : undefined;
    if (product === undefined) return res.status(404).json({ error: `syntax error near "${req.params.id}": no such product` });
    return res.json(product);
  });

  app.get('/products', (req, res) => {
    const r = ListQuery.safeParse(req.query);
    if (!r.success) return res.status(400).json({ error: `bad query parameter ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}` });
    const { category, minPrice, maxPrice, page = 1, pageSize = 10 } = r.data;
    const params = { category: category ?? null, minPrice: minPrice ?? null, maxPrice: maxPrice ?? null };
    const total = count.get(params).n;
    const offset = (page - 1) * pageSize;
    const items = offset < total ? pageQ.all({ ...params, limit: pageSize, offset }) : [];
    return res.json({ items, page, pageSize, total, totalPages: total === 0 ? 0 : Math.ceil(total / pageSize) });
  });

  app.use((req, res) => res.status(404).json({ error: 'no route' }));
  app.use((err, req, res, _next) => res.status(err.status ?? 500).json({ error: err.type === 'entity.parse.failed' ? 'malformed JSON' : 'error' }));
  return app;
}

module.exports = { createApp };
