// From a held-out test (written without seeing the tests). Parameters for every value, the name read back included; the rename in db.transaction().
function nameOf(db, customerId) {
  return db.prepare('SELECT name FROM customers WHERE id = ?').get(customerId)?.name;
}

function ordersOfCustomer(db, customerId) {
  const name = nameOf(db, customerId);
  if (name === undefined) return [];
  return db
    .prepare('SELECT id, total_cents, placed_on FROM orders WHERE customer_name = ? ORDER BY placed_on, id')
    .all(name);
}

function renameCustomer(db, customerId, newName) {
  const rename = db.transaction(() => {
    const oldName = nameOf(db, customerId);
    if (oldName === undefined) return 0;
    const moved = db.prepare('UPDATE orders SET customer_name = ? WHERE customer_name = ?').run(newName, oldName).changes;
    db.prepare('UPDATE customers SET name = ? WHERE id = ?').run(newName, customerId);
    return moved;
  });
  return rename();
}

module.exports = { ordersOfCustomer, renameCustomer };
