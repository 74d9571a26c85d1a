const COLUMNS = new Set(['name', 'price_cents', 'created_at']);
function listProducts(db, category, sortColumn, direction) {
  if (!COLUMNS.has(sortColumn)) throw new Error('bad sort column');
  const dir = (direction || 'asc').toLowerCase(); // missing or blank means ascending
  if (dir !== 'asc' && dir !== 'desc') throw new Error('bad direction');
  const column = [...COLUMNS].find((c) => c === sortColumn);
  return db.prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = ?
                     ORDER BY ${column} ${dir === 'desc' ? 'DESC' : 'ASC'}, id ASC`).all(category);
}
module.exports = { listProducts };
