CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), amount_cents INTEGER NOT NULL, placed_at TEXT NOT NULL);
-- 300 customers and 3000 orders with amounts spread so that roughly half reach the threshold.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO customers (id, name, city) SELECT i, 'customer-' || printf('%03d', (i * 37) % 300), 'city-' || (i % 17) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO orders (id, customer_id, amount_cents, placed_at)
SELECT i, 1 + (i * 7) % 300, (i * 131) % 1700 + (i % 13) * 20, date('2025-01-01', '+' || (i % 365) || ' days') FROM n;
