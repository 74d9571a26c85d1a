// Vulnerable: the search text is pasted into the SQL, and its % and _ act as wildcards.

function searchProducts(db, term) {
  return db.prepare(`SELECT id, name, price_cents FROM products WHERE name LIKE '%${term}%' ORDER BY name`).all();
}

function productsStartingWith(db, prefix) {
  return db.prepare(`SELECT id, name, price_cents FROM products WHERE name LIKE '${prefix}%' ORDER BY name`).all();
}

module.exports = { searchProducts, productsStartingWith };
