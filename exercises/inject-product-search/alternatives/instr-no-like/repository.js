// From a held-out test (written without seeing the tests). No LIKE: instr(lower(name), lower(:needle)) and substr for the prefix; SQLite's lower() folds ASCII letters only, as LIKE does.
'use strict';
// No LIKE at all: SQLite's lower() folds ASCII letters only, exactly like LIKE's case-insensitivity,
// and instr()/substr() treat every character literally.

const SEARCH = `
  SELECT id, name, price_cents
  FROM products
  WHERE instr(lower(name), lower(:needle)) > 0
  ORDER BY name`;

const PREFIX = `
  SELECT id, name, price_cents
  FROM products
  WHERE lower(substr(name, 1, length(:needle))) = lower(:needle)
  ORDER BY name`;

function searchProducts(db, term) {
  return db.prepare(SEARCH).all({ needle: String(term) });
}

function productsStartingWith(db, prefix) {
  return db.prepare(PREFIX).all({ needle: String(prefix) });
}

module.exports = { searchProducts, productsStartingWith };
