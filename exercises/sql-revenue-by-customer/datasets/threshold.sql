CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), amount_cents INTEGER NOT NULL, placed_at TEXT NOT NULL);
INSERT INTO customers (id, name, city) VALUES
  (1, 'Just Enough', 'Rome'), (2, 'Almost', 'Milan'), (3, 'No Orders', 'Turin'), (4, 'Many Small', 'Pisa');
INSERT INTO orders (id, customer_id, amount_cents, placed_at) VALUES
  (1, 1, 10000, '2026-05-01'),
  (2, 2, 9999, '2026-05-02'),
  (3, 4, 2500, '2026-05-03'), (4, 4, 2500, '2026-05-04'), (5, 4, 2500, '2026-05-05'), (6, 4, 2500, '2026-05-06');
