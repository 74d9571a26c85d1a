// Every name travels as a parameter, the one read back from the database included; but the
// customer's id is pasted into the UPDATE of customers, on the reasoning that "an id is only a
// number": an id of "1 OR 1=1" renames every customer.

function nameOf(db, customerId) {
  return db.prepare('SELECT name FROM customers WHERE id = ?').get(customerId)?.name;
}

function ordersOfCustomer(db, customerId) {
  const name = nameOf(db, customerId);
  if (name === undefined) return [];
  return db.prepare('SELECT id, total_cents, placed_on FROM orders WHERE customer_name = ? ORDER BY placed_on, id').all(name);
}

function renameCustomer(db, customerId, newName) {
  const rename = db.transaction(() => {
    const oldName = nameOf(db, customerId);
    const moved = oldName === undefined ? 0 : db.prepare('UPDATE orders SET customer_name = ? WHERE customer_name = ?').run(String(newName), oldName).changes;
    db.prepare(`UPDATE customers SET name = ? WHERE id = ${customerId}`).run(String(newName));
    return moved;
  });
  return rename();
}

module.exports = { ordersOfCustomer, renameCustomer };
