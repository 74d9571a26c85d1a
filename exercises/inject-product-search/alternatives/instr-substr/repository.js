// No LIKE at all: instr() and substr() compare text as text, so nothing in it is a wildcard.
// lower() folds ASCII letters only, which is exactly what LIKE ignores.

const columns = 'id, name, price_cents';

exports.searchProducts = function searchProducts(db, term) {
  return db
    .prepare(`SELECT ${columns} FROM products WHERE instr(lower(name), lower(:term)) > 0 ORDER BY name`)
    .all({ term: String(term) });
};

exports.productsStartingWith = function productsStartingWith(db, prefix) {
  const p = String(prefix);
  return db
    .prepare(`SELECT ${columns} FROM products WHERE lower(substr(name, 1, :n)) = lower(:p) ORDER BY name`)
    .all({ n: p.length, p });
};
