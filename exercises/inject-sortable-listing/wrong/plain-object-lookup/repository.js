// From a held-out test (written without seeing the tests). Mistake: the allow-list is a plain object, so constructor, toString or __proto__ pass the lookup and reach the SQL.
const COLUMNS = { name: 'name', price_cents: 'price_cents', created_at: 'created_at' };
const DIRS = { asc: 'ASC', desc: 'DESC' };

function listProducts(db, category, sortColumn, direction = 'asc') {
  const col = COLUMNS[sortColumn];
  const dir = DIRS[String(direction).toLowerCase()];
  if (!col || !dir) throw new Error('invalid sort');
  return db.prepare(`SELECT id, name, price_cents, created_at FROM products
                     WHERE category = ? ORDER BY ${col} ${dir}, id`).all(category);
}

module.exports = { listProducts };
