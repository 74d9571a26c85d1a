-- Counts the days a customer ordered on, not the orders: two orders of one day count once.
SELECT c.name,
       COUNT(DISTINCT o.placed_at) AS orders,
       SUM(o.amount_cents)         AS total_cents
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.id
GROUP BY c.id, c.name
HAVING SUM(o.amount_cents) >= 10000
ORDER BY total_cents DESC, c.name;
