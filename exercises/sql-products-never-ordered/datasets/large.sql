CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL);
CREATE TABLE order_items (order_id INTEGER NOT NULL, product_id INTEGER, quantity INTEGER NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO products (id, name, category) SELECT i, 'product-' || i, 'cat-' || (i % 9) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO order_items (order_id, product_id, quantity)
SELECT i / 3, CASE WHEN i % 97 = 0 THEN NULL ELSE 1 + (i * 13) % 1500 END, 1 + i % 4 FROM n;
