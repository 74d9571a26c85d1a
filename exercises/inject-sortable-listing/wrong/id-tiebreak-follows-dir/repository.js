// From a held-out test (written without seeing the tests). Mistake: ties broken by id in the requested direction, not always ascending.
const COLUMNS = ['name', 'price_cents', 'created_at'];

function listProducts(db, category, sortColumn, direction = 'asc') {
  if (!COLUMNS.includes(sortColumn)) throw new Error('bad column');
  const dir = String(direction).toLowerCase();
  if (dir !== 'asc' && dir !== 'desc') throw new Error('bad direction');
  return db.prepare(`SELECT id, name, price_cents, created_at FROM products
                     WHERE category = ? ORDER BY ${sortColumn} ${dir}, id ${dir}`).all(category);
}

module.exports = { listProducts };
