// The category is a value: a parameter. The column and the direction are identifiers and
// keywords: chosen from allow-lists, never taken from the caller's text.
const COLUMNS = new Set(['name', 'price_cents', 'created_at']);
const DIRECTIONS = { asc: 'ASC', desc: 'DESC' };

function listProducts(db, category, sortColumn, direction) {
  if (!COLUMNS.has(sortColumn)) throw new Error('unknown sort column');
  const dir = direction === undefined ? 'ASC' : DIRECTIONS[String(direction).toLowerCase()];
  if (!dir || !Object.prototype.hasOwnProperty.call(DIRECTIONS, String(direction ?? 'asc').toLowerCase())) {
    throw new Error('unknown sort direction');
  }
  return db
    .prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY ${sortColumn} ${dir}, id`)
    .all(String(category));
}

module.exports = { listProducts };
