// Parameters, so nothing can change the query; but % and _ in the text still act as wildcards.

function searchProducts(db, term) {
  return db.prepare('SELECT id, name, price_cents FROM products WHERE name LIKE ? ORDER BY name').all(`%${term}%`);
}

function productsStartingWith(db, prefix) {
  return db.prepare('SELECT id, name, price_cents FROM products WHERE name LIKE ? ORDER BY name').all(`${prefix}%`);
}

module.exports = { searchProducts, productsStartingWith };
