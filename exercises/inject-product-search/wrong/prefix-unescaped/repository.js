// From a held-out test (written without seeing the tests). Mistake: the search text is escaped, the prefix is not: a prefix of % or _ matches every product.
function escapeLike(s) {
  return String(s).replace(/[\\%_]/g, '\\$&');
}

function searchProducts(db, term) {
  return db.prepare("SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name")
    .all('%' + escapeLike(term) + '%');
}

// prefixes come from our own menu, but are still passed as a parameter
function productsStartingWith(db, prefix) {
  return db.prepare('SELECT id, name, price_cents FROM products WHERE name LIKE ? ORDER BY name')
    .all(prefix + '%');
}

module.exports = { searchProducts, productsStartingWith };
