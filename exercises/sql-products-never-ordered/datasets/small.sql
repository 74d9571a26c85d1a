CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL);
CREATE TABLE order_items (order_id INTEGER NOT NULL, product_id INTEGER, quantity INTEGER NOT NULL);
INSERT INTO products (id, name, category) VALUES
  (1, 'Kettle', 'kitchen'), (2, 'Toaster', 'kitchen'), (3, 'Lamp', 'living'),
  (4, 'Rug', 'living'), (5, 'Mug', 'kitchen');
INSERT INTO order_items (order_id, product_id, quantity) VALUES
  (100, 1, 1), (100, 5, 4), (101, 3, 1), (102, 5, 2);
