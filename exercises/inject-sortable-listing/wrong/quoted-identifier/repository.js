// Quotes the column instead of checking it: "nonsense" is not refused (SQLite reads an
// unknown quoted name as text), and a double quote in the input ends the quoting.

function listProducts(db, category, sortColumn, direction = 'asc') {
  const dir = String(direction).toLowerCase() === 'desc' ? 'DESC' : 'ASC';
  if (!['asc', 'desc'].includes(String(direction).toLowerCase())) throw new Error('unknown sort direction');
  return db
    .prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY "${sortColumn}" ${dir}, id`)
    .all(String(category));
}

module.exports = { listProducts };
