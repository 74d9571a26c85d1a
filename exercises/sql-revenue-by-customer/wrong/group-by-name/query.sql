-- Groups by the name, not the customer: two customers of the same name become one, their
-- orders and totals added together.
SELECT c.name,
       COUNT(o.id)         AS orders,
       SUM(o.amount_cents) AS total_cents
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.id
GROUP BY c.name
HAVING SUM(o.amount_cents) >= 10000
ORDER BY total_cents DESC, c.name;
