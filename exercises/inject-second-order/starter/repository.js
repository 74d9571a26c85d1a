// The id is passed safely; the name read back from the database is pasted into the next query.

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
  db.exec(`UPDATE orders SET customer_name = '${newName}' WHERE customer_name = '${oldName}'`);
  const moved = db.prepare('SELECT changes() AS n').get().n;
  db.exec(`UPDATE customers SET name = '${newName}' WHERE id = ${customerId}`);
  return moved;
}

module.exports = { ordersOfCustomer, renameCustomer };
