// From a held-out test (written without seeing the tests). Mistake: matches in JavaScript with toLowerCase(), which folds every letter (é finds Éclair tin), where LIKE folds ASCII letters only.
// Filter in JavaScript: no SQL pattern at all, so nothing to escape.
function matching(db, test) {
  return db.prepare('SELECT id, name, price_cents FROM products ORDER BY name').all()
    .filter((p) => typeof p.name === 'string' && test(p.name.toLowerCase()));
}

function searchProducts(db, term) {
  const t = String(term).toLowerCase();
  return matching(db, (name) => name.includes(t));
}

function productsStartingWith(db, prefix) {
  const p = String(prefix).toLowerCase();
  return matching(db, (name) => name.startsWith(p));
}

module.exports = { searchProducts, productsStartingWith };
