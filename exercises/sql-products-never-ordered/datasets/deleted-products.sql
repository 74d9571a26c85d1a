CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL);
CREATE TABLE order_items (order_id INTEGER NOT NULL, product_id INTEGER, quantity INTEGER NOT NULL);
INSERT INTO products (id, name, category) VALUES
  (1, 'Chair', 'office'), (2, 'Desk', 'office'), (3, 'Shelf', 'office');
-- Order 7 bought a product that no longer exists: its product_id is NULL.
INSERT INTO order_items (order_id, product_id, quantity) VALUES (7, NULL, 1), (8, 2, 1);
