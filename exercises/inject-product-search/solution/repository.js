// The text travels as a parameter; inside the LIKE pattern, \ % and _ are escaped with \,
// and ESCAPE '\' tells SQLite so.

function escapeLike(text) {
  return String(text).replace(/[\\%_]/g, (c) => `\\${c}`);
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
