-- Adds up the quantities ordered: a product whose only order line has quantity 0 appeared in
-- an order line all the same, yet its total is 0 and it is listed.
SELECT p.id, p.name
FROM products AS p
LEFT JOIN order_items AS oi ON oi.product_id = p.id
GROUP BY p.id, p.name
HAVING COALESCE(SUM(oi.quantity), 0) = 0;
