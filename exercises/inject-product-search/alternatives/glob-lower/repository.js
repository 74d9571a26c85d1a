// GLOB on the lower-cased name instead of LIKE: GLOB's wildcards are *, ? and [, so each is put in
// brackets, where it stands for itself; lower() on both sides folds ASCII letters, as LIKE does.
const literal = (text) => String(text).toLowerCase().replace(/[*?[]/g, (c) => `[${c}]`);

exports.searchProducts = (db, term) =>
  db.prepare('SELECT id, name, price_cents FROM products WHERE lower(name) GLOB ? ORDER BY name').all(`*${literal(term)}*`);

exports.productsStartingWith = (db, prefix) =>
  db.prepare('SELECT id, name, price_cents FROM products WHERE lower(name) GLOB ? ORDER BY name').all(`${literal(prefix)}*`);
