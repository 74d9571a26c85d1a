CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), amount_cents INTEGER NOT NULL, placed_at TEXT NOT NULL);
INSERT INTO customers (id, name, city) VALUES
  (1, 'Ada', 'London'), (2, 'Grace', 'New York'), (3, 'Linus', 'Helsinki'), (4, 'Margaret', 'Boston');
INSERT INTO orders (id, customer_id, amount_cents, placed_at) VALUES
  (1, 1, 4500, '2026-01-03'), (2, 1, 9000, '2026-02-11'),
  (3, 2, 25000, '2026-01-20'),
  (4, 3, 3000, '2026-03-01'), (5, 3, 2000, '2026-03-02'),
  (6, 4, 12000, '2026-02-14'), (7, 4, 500, '2026-02-15'), (8, 4, 800, '2026-04-01');
