'use strict';

// The name never leaves the database: each statement looks it up itself, in a subquery.

exports.ordersOfCustomer = (db, customerId) =>
  db
    .prepare(
      `SELECT o.id, o.total_cents, o.placed_on
         FROM orders o
        WHERE o.customer_name = (SELECT c.name FROM customers c WHERE c.id = $id)
        ORDER BY o.placed_on, o.id`,
    )
    .all({ id: customerId });

exports.renameCustomer = (db, customerId, newName) => {
  const moveOrders = db.prepare('UPDATE orders SET customer_name = $name WHERE customer_name = (SELECT name FROM customers WHERE id = $id)');
  const renameOne = db.prepare('UPDATE customers SET name = $name WHERE id = $id');
  let moved = 0;
  db.transaction(() => {
    moved = moveOrders.run({ name: `${newName}`, id: customerId }).changes;
    renameOne.run({ name: `${newName}`, id: customerId });
  })();
  return moved;
};
