// From a held-out test (written without seeing the tests). Escapes \ % and _ with a backslash, LIKE ? ESCAPE '\', a bound parameter.
function likeLiteral(text) {
  return String(text).replace(/[\\%_]/g, (c) => '\\' + c);
}

function searchProducts(db, term) {
  return db
    .prepare("SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name")
    .all('%' + likeLiteral(term) + '%');
}

function productsStartingWith(db, prefix) {
  return db
    .prepare("SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name")
    .all(likeLiteral(prefix) + '%');
}

module.exports = { searchProducts, productsStartingWith };
