// Vulnerable: the category, the column and the direction are all pasted into the SQL.

function listProducts(db, category, sortColumn, direction = 'asc') {
  return db
    .prepare(`SELECT id, name, price_cents, created_at FROM products
              WHERE category = '${category}'
              ORDER BY ${sortColumn} ${direction}, id`)
    .all();
}

module.exports = { listProducts };
