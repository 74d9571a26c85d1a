// From a held-out test (written without seeing the tests). Mistake: escapes % and _ but not the escape character itself, so a backslash in the text escapes what follows it.
const esc = (s) => String(s).replace(/[%_]/g, '\\$&');

function searchProducts(db, term) {
  return db.prepare("SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name")
    .all(`%${esc(term)}%`);
}

function productsStartingWith(db, prefix) {
  return db.prepare("SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name")
    .all(`${esc(prefix)}%`);
}

module.exports = { searchProducts, productsStartingWith };
