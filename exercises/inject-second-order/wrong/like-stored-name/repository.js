// Every value is a parameter, but the stored name is compared with LIKE: a customer who named
// themselves % (or A%) sees the orders of every customer whose name the pattern matches.

function nameOf(db, customerId) {
  return db.prepare('SELECT name FROM customers WHERE id = ?').get(customerId)?.name;
}

function ordersOfCustomer(db, customerId) {
  const name = nameOf(db, customerId);
  if (name === undefined) return [];
  return db.prepare('SELECT id, total_cents, placed_on FROM orders WHERE customer_name LIKE ? ORDER BY placed_on, id').all(name);
}

function renameCustomer(db, customerId, newName) {
  const name = nameOf(db, customerId);
  if (name === undefined) return 0;
  const moved = db.prepare('UPDATE orders SET customer_name = ? WHERE customer_name = ?').run(String(newName), name).changes;
  db.prepare('UPDATE customers SET name = ? WHERE id = ?').run(String(newName), customerId);
  return moved;
}

module.exports = { ordersOfCustomer, renameCustomer };
