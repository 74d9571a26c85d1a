// From a held-out test (written without seeing the tests). Mistake: any unknown direction sorts ascending instead of being refused.
const ALLOWED = new Set(['name', 'price_cents', 'created_at']);

function listProducts(db, category, sortColumn, direction) {
  if (!ALLOWED.has(sortColumn)) throw new Error('cannot sort by that');
  const dir = String(direction).toLowerCase() === 'desc' ? 'DESC' : 'ASC';
  return db.prepare(`SELECT id, name, price_cents, created_at FROM products
                     WHERE category = ? ORDER BY ${sortColumn} ${dir}, id ASC`).all(category);
}

module.exports = { listProducts };
