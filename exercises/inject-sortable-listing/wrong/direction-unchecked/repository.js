// Checks the column against an allow-list but pastes the direction as it came.
const COLUMNS = ['name', 'price_cents', 'created_at'];

function listProducts(db, category, sortColumn, direction = 'asc') {
  if (!COLUMNS.includes(sortColumn)) throw new Error('unknown sort column');
  return db
    .prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY ${sortColumn} ${direction}, id`)
    .all(String(category));
}

module.exports = { listProducts };
