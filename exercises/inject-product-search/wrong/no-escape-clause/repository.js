// Escapes % and _ with a backslash, but never says ESCAPE '\': SQLite's LIKE has no escape
// character of its own, so the backslash is matched literally and "100\%" finds nothing.

function escapeLike(text) {
  return String(text).replace(/[%_]/g, (c) => `\\${c}`);
}

function searchProducts(db, term) {
  return db.prepare('SELECT id, name, price_cents FROM products WHERE name LIKE ? ORDER BY name').all(`%${escapeLike(term)}%`);
}

function productsStartingWith(db, prefix) {
  return db.prepare('SELECT id, name, price_cents FROM products WHERE name LIKE ? ORDER BY name').all(`${escapeLike(prefix)}%`);
}

module.exports = { searchProducts, productsStartingWith };
