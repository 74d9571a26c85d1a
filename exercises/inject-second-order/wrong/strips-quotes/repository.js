// "Sanitises" new names by removing quotes before storing them: O'Hara becomes OHara, and
// a dangerous name already in the database is pasted into the query as before.

function clean(text) {
  return String(text).replace(/['";]/g, '');
}

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
  const moved = db.prepare(`UPDATE orders SET customer_name = '${clean(newName)}' WHERE customer_name = '${clean(oldName)}'`).run().changes;
  db.prepare(`UPDATE customers SET name = '${clean(newName)}' WHERE id = ?`).run(customerId);
  return moved;
}

module.exports = { ordersOfCustomer, renameCustomer };
