// From a held-out test (written without seeing the tests). Mistake: a character class instead of an allow-list: id or category are accepted, unknown names reach the database.
function listProducts(db, category, sortColumn, direction = 'asc') {
  // only plain identifiers and asc/desc can get through
  if (!/^[a-z_]+$/.test(String(sortColumn))) throw new Error('invalid column');
  if (!/^(asc|desc)$/i.test(String(direction))) throw new Error('invalid direction');
  return db.prepare(`SELECT id, name, price_cents, created_at FROM products
                     WHERE category = ? ORDER BY ${sortColumn} ${direction}, id`).all(category);
}

module.exports = { listProducts };
