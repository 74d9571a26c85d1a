CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
-- A legacy schema: each order records the name of the customer who placed it.
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_name TEXT NOT NULL, total_cents INTEGER NOT NULL, placed_on TEXT NOT NULL);
-- The shop's own index (a customer's orders, biggest first). A query by customer_name goes through
-- it and meets a customer's orders in that order, not by id: orders of one day come out by id only
-- where the query says so (ORDER BY placed_on alone passed every test while a table scan gave id order).
CREATE INDEX orders_by_customer ON orders (customer_name, total_cents DESC);
CREATE TABLE staff_notes (id INTEGER PRIMARY KEY, note TEXT NOT NULL);
INSERT INTO customers (id, name, email) VALUES
  (1, 'Ada', 'ada@shop.test'), (2, 'Bea', 'bea@shop.test'), (3, 'Cyd', 'cyd@shop.test'),
  -- Ids 4 to 6 are the tests' own (setup); a name with a letter outside ASCII, compared exactly as any other.
  (7, 'Élodie', 'elodie@shop.test');
INSERT INTO orders (id, customer_name, total_cents, placed_on) VALUES
  (1, 'Ada', 1200, '2024-05-02'), (2, 'Bea', 5400, '2024-05-03'), (3, 'Ada', 300, '2024-05-01'),
  (4, 'Cyd', 9900, '2024-05-04'), (5, 'Bea', 800, '2024-05-06'), (6, 'Ada', 4500, '2024-05-06'),
  (9, 'Élodie', 2300, '2024-05-05');
INSERT INTO staff_notes (id, note) VALUES (1, 'NOTE-refund-fraud-suspect-cyd'), (2, 'NOTE-vip-discount-code-VIP77');
