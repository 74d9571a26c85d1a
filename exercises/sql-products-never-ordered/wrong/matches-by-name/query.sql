-- Tells ordered products apart by name, not by id: a product that shares its name with one that
-- was ordered counts as ordered too.
SELECT id, name
FROM products
WHERE name NOT IN (
  SELECT p.name FROM products AS p JOIN order_items AS oi ON oi.product_id = p.id
);
