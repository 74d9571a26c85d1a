// An alternative: SQLite with LIMIT/OFFSET and COUNT(*), zod to read the query string.
const express = require('express');
const Database = require('better-sqlite3');
const { z } = require('zod');

const whole = (min, max) => z.string().regex(/^\d+$/, 'a whole number').transform(Number).pipe(z.number().int().min(min).max(max));
const ListQuery = z.object({
  category: z.string().optional(),
  minPrice: whole(0, Number.MAX_SAFE_INTEGER).optional(),
  maxPrice: whole(0, Number.MAX_SAFE_INTEGER).optional(),
  page: whole(1, Number.MAX_SAFE_INTEGER).default(1),
  pageSize: whole(1, 50).default(10),
});
const NewProduct = z.object({ name: z.string().min(1), category: z.string().min(1), priceCents: z.number().int().min(0) });

exports.createApp = function createApp() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE products (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, category TEXT, priceCents INTEGER)');
  const app = express();
  app.use(express.json());

  app.post('/products', (req, res) => {
    const parsed = NewProduct.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: parsed.error.issues[0].message });
    const { lastInsertRowid: id } = db.prepare('INSERT INTO products (name, category, priceCents) VALUES (@name, @category, @priceCents)').run(parsed.data);
    res.status(201).set('Location', `/products/${id}`).json({ id, ...parsed.data });
  });

  app.get('/products/:id', (req, res) => {
    const row = /^\d+$/.test(req.params.id) ? db.prepare('SELECT * FROM products WHERE id = ?').get(Number(req.params.id)) : undefined;
    return row ? res.json(row) : res.status(404).json({ error: 'not found' });
  });

  app.get('/products', (req, res) => {
    const parsed = ListQuery.safeParse(req.query);
    if (!parsed.success) return res.status(400).json({ error: `${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}` });
    const q = parsed.data;
    const where = 'WHERE (@category IS NULL OR category = @category) AND priceCents >= @min AND priceCents <= @max';
    const params = { category: q.category ?? null, min: q.minPrice ?? 0, max: q.maxPrice ?? Number.MAX_SAFE_INTEGER };
    const { total } = db.prepare(`SELECT COUNT(*) AS total FROM products ${where}`).get(params);
    const items = db.prepare(`SELECT * FROM products ${where} ORDER BY id LIMIT @limit OFFSET @offset`).all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    res.json({ items, page: q.page, pageSize: q.pageSize, total, totalPages: Math.ceil(total / q.pageSize) });
  });
  // Malformed JSON: express.json() fails before any route; answer 400 as JSON, as every error.
  app.use((err, req, res, next) => {
    if (err && err.type === 'entity.parse.failed') return res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
};
