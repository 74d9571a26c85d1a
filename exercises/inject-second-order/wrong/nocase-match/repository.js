// From a held-out test (written without seeing the tests). Mistake: every value bound, but names compared with COLLATE NOCASE: a customer renamed bEA sees Bea's orders.
function nameOf(db, customerId) {
  return db.prepare('SELECT name FROM customers WHERE id = ?').get(customerId)?.name;
}

function ordersOfCustomer(db, customerId) {
  const name = nameOf(db, customerId);
  if (name === undefined) return [];
  return db
    .prepare('SELECT id, total_cents, placed_on FROM orders WHERE customer_name = ? COLLATE NOCASE ORDER BY placed_on, id')
    .all(name);
}

function renameCustomer(db, customerId, newName) {
  const rename = db.transaction(() => {
    const oldName = nameOf(db, customerId);
    if (oldName === undefined) return 0;
    const moved = db.prepare('UPDATE orders SET customer_name = ? WHERE customer_name = ? COLLATE NOCASE').run(newName, oldName).changes;
    db.prepare('UPDATE customers SET name = ? WHERE id = ?').run(newName, customerId);
    return moved;
  });
  return rename();
}

module.exports = { ordersOfCustomer, renameCustomer };
