// GLOB on the lower-cased name instead of LIKE: GLOB's wildcards are *, ? and [, so each is put in
// brackets, where it stands for itself; SQLite's lower() on both sides folds ASCII letters only, as
// LIKE does (JavaScript's toLowerCase() on the text would fold É to é, which lower(name) keeps).
const literal = (text) => String(text).replace(/[*?[]/g, (c) => `[${c}]`);

exports.searchProducts = (db, term) =>
  db.prepare('SELECT id, name, price_cents FROM products WHERE lower(name) GLOB lower(?) ORDER BY name').all(`*${literal(term)}*`);

exports.productsStartingWith = (db, prefix) =>
  db.prepare('SELECT id, name, price_cents FROM products WHERE lower(name) GLOB lower(?) ORDER BY name').all(`${literal(prefix)}*`);
