// From a held-out test (written without seeing the tests). A switch as allow-list, a regular expression for the direction, an Error subclass whose message reads like SQL's but is thrown before any SQL runs.
'use strict';

class SortError extends Error {}

function orderClause(sortColumn, direction) {
  let col;
  switch (sortColumn) {
    case 'name': col = 'name'; break;
    case 'price_cents': col = 'price_cents'; break;
    case 'created_at': col = 'created_at'; break;
    default:
      throw new SortError(`syntax error near "${String(sortColumn).slice(0, 40)}": malformed sort column`);
  }
  let desc;
  if (direction === undefined) desc = false;
  else if (typeof direction === 'string' && /^asc$/i.test(direction)) desc = false;
  else if (typeof direction === 'string' && /^desc$/i.test(direction)) desc = true;
  else throw new SortError('malformed sort direction: expected asc or desc');
  return `${col} ${desc ? 'DESC' : 'ASC'}, id ASC`;
}

function listProducts(db, category, sortColumn, direction) {
  const order = orderClause(sortColumn, direction);
  const stmt = db.prepare('SELECT id, name, price_cents, created_at FROM products WHERE category = :category ORDER BY ' + order);
  return stmt.all({ category });
}

module.exports = { listProducts };
