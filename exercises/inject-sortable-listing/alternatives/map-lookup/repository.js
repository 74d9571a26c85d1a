// From a held-out test (written without seeing the tests). Map allow-lists for the column and the direction; the category bound.
const COLUMNS = new Map([
  ['name', 'name'],
  ['price_cents', 'price_cents'],
  ['created_at', 'created_at'],
]);
const DIRECTIONS = new Map([
  ['asc', 'ASC'],
  ['desc', 'DESC'],
]);

function listProducts(db, category, sortColumn, direction) {
  const column = typeof sortColumn === 'string' ? COLUMNS.get(sortColumn) : undefined;
  if (!column) throw new Error('unknown sort column');
  const dir = direction === undefined ? 'ASC'
    : typeof direction === 'string' ? DIRECTIONS.get(direction.toLowerCase()) : undefined;
  if (!dir) throw new Error('unknown sort direction');
  return db
    .prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY ${column} ${dir}, id ASC`)
    .all(category);
}

module.exports = { listProducts };
