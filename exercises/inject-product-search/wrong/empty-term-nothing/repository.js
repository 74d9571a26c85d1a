const escapeLike = (s) => s.replace(/[\\%_]/g, '\\$&');
const SQL = "SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name";
function searchProducts(db, term) {
  if (!term) return []; // nothing typed, nothing to search for
  return db.prepare(SQL).all('%' + escapeLike(String(term)) + '%');
}
function productsStartingWith(db, prefix) {
  if (!prefix) return [];
  return db.prepare(SQL).all(escapeLike(String(prefix)) + '%');
}
module.exports = { searchProducts, productsStartingWith };
