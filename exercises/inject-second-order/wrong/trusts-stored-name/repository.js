// The caller's input is always a parameter; the name read back from the database is not.

function nameOf(db, customerId) {
  return db.prepare('SELECT name FROM customers WHERE id = ?').get(customerId)?.name;
}

function ordersOfCustomer(db, customerId) {
  const name = nameOf(db, customerId);
  if (name === undefined) return [];
  return db.prepare(`SELECT id, total_cents, placed_on FROM orders WHERE customer_name = '${name}' ORDER BY placed_on, id`).all();
}

function renameCustomer(db, customerId, newName) {
  const oldName = nameOf(db, customerId);
  if (oldName === undefined) return 0;
  const before = db.prepare('SELECT total_changes() AS n').get().n;
  db.exec(`UPDATE orders SET customer_name = '${String(newName).replace(/'/g, "''")}' WHERE customer_name = '${oldName}'`);
  const moved = db.prepare('SELECT total_changes() AS n').get().n - before;
  db.prepare('UPDATE customers SET name = ? WHERE id = ?').run(String(newName), customerId);
  return moved;
}

module.exports = { ordersOfCustomer, renameCustomer };
