CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), amount_cents INTEGER NOT NULL, placed_at TEXT NOT NULL);
INSERT INTO customers (id, name, city) VALUES
  (1, 'Zoe', 'Paris'), (2, 'Bea', 'Lyon'), (3, 'Max', 'Nice'), (4, 'Al', 'Lille');
INSERT INTO orders (id, customer_id, amount_cents, placed_at) VALUES
  (1, 1, 15000, '2026-01-01'),
  (2, 2, 10000, '2026-01-02'), (3, 2, 5000, '2026-01-03'),
  (4, 3, 15000, '2026-01-04'),
  (5, 4, 20000, '2026-01-05');
