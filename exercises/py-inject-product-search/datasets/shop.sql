CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL);
CREATE TABLE suppliers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, api_key TEXT NOT NULL);
INSERT INTO products (id, name, price_cents) VALUES
  (1, 'Mug', 900),
  (2, 'Tea cup', 650),
  (3, '100% cotton tee', 1900),
  (4, '100 cotton pads', 350),
  (5, '50_50 blend scarf', 2500),
  (6, '50-50 hoodie', 4200),
  (7, 'Back\slash poster', 1200),
  (8, 'Mugwort tea', 700),
  (9, 'Teapot', 2100),
  -- A letter outside ASCII: LIKE ignores the case of ASCII letters only, so é does not find it.
  (10, 'Éclair tin', 1500);
INSERT INTO suppliers (id, name, api_key) VALUES
  (1, 'Ceramics Ltd', 'sk_supplier_4f9a1c77e2'),
  (2, 'Cotton Co', 'sk_supplier_b81d02aa93');
