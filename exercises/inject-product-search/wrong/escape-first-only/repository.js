// Parameters and ESCAPE '\', but String.replace with a string pattern replaces only the first
// match: in "%%" or "a_b_c" the second wildcard still matches anything.

function escapeLike(text) {
  return String(text).replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_');
}

function searchProducts(db, term) {
  return db
    .prepare("SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name")
    .all(`%${escapeLike(term)}%`);
}

function productsStartingWith(db, prefix) {
  return db
    .prepare("SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name")
    .all(`${escapeLike(prefix)}%`);
}

module.exports = { searchProducts, productsStartingWith };
