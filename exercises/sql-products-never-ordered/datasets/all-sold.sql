CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL);
CREATE TABLE order_items (order_id INTEGER NOT NULL, product_id INTEGER, quantity INTEGER NOT NULL);
INSERT INTO products (id, name, category) VALUES (1, 'Pen', 'office'), (2, 'Ink', 'office');
INSERT INTO order_items (order_id, product_id, quantity) VALUES (1, 1, 10), (2, 2, 3), (3, 2, 1);
