-- COUNT(column) counts only the matched lines: 0 for a product no line names.
SELECT p.id, p.name
FROM products AS p
LEFT JOIN order_items AS oi ON oi.product_id = p.id
GROUP BY p.id, p.name
HAVING COUNT(oi.product_id) = 0
