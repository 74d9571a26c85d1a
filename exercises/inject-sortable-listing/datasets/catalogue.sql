CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  category    TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);
-- Rows of one category in price order, ties in reverse id order when read backwards: a sort without
-- its id tie-break shows (a helper's solution without one scored full marks before).
CREATE INDEX products_by_category_price ON products (category, price_cents);
CREATE TABLE suppliers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, api_key TEXT NOT NULL);
INSERT INTO products (id, name, category, price_cents, created_at) VALUES
  (1, 'Apron', 'kitchen', 1500, '2024-03-05'),
  (2, 'Toaster', 'kitchen', 2900, '2024-01-05'),
  (3, 'Kettle', 'kitchen', 3500, '2024-02-10'),
  (4, 'Bread knife', 'kitchen', 2900, '2024-03-01'),
  (5, 'Lamp', 'living', 4900, '2024-02-28'),
  (6, 'Rug', 'living', 12000, '2023-12-24'),
  (7, 'Cushion', 'living', 1900, '2024-01-15');
INSERT INTO suppliers (id, name, api_key) VALUES (1, 'Homeware Inc', 'sk_live_homeware_7c1e'), (2, 'Textiles SA', 'sk_live_textiles_03bd');
