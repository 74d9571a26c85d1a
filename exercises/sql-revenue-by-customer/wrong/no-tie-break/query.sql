-- Sorts by the total only: customers with the same total come in any order.
SELECT c.name,
       COUNT(o.id)         AS orders,
       SUM(o.amount_cents) AS total_cents
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.id
GROUP BY c.id, c.name
HAVING SUM(o.amount_cents) >= 10000
ORDER BY total_cents DESC;
