const ALLOWED = 'name,price_cents,created_at';
function listProducts(db, category, sortColumn, direction = 'asc') {
  if (!ALLOWED.includes(sortColumn)) throw new Error('bad sort column');
  const dir = String(direction).toLowerCase();
  if (dir !== 'asc' && dir !== 'desc') throw new Error('bad direction');
  return db.prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = ?
                     ORDER BY ${sortColumn} ${dir}, id ASC`).all(category);
}
module.exports = { listProducts };
