-- Every product, less those an order line names.
SELECT id, name FROM products
EXCEPT
SELECT p.id, p.name
FROM products AS p
JOIN order_items AS oi ON oi.product_id = p.id
