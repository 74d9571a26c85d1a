// Escapes the wildcards correctly, then pastes the pattern into the SQL text: a quote still ends the string.

function escapeLike(text) {
  return String(text).replace(/[\\%_]/g, (c) => `\\${c}`);
}

function searchProducts(db, term) {
  return db.prepare(`SELECT id, name, price_cents FROM products WHERE name LIKE '%${escapeLike(term)}%' ESCAPE '\\' ORDER BY name`).all();
}

function productsStartingWith(db, prefix) {
  return db.prepare(`SELECT id, name, price_cents FROM products WHERE name LIKE '${escapeLike(prefix)}%' ESCAPE '\\' ORDER BY name`).all();
}

module.exports = { searchProducts, productsStartingWith };
