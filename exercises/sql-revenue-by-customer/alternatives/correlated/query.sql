-- Correlated subqueries per customer; customers without orders drop out at the threshold.
SELECT c.name,
       (SELECT COUNT(*) FROM orders AS o WHERE o.customer_id = c.id) AS orders,
       (SELECT SUM(o.amount_cents) FROM orders AS o WHERE o.customer_id = c.id) AS total_cents
FROM customers AS c
WHERE (SELECT SUM(o.amount_cents) FROM orders AS o WHERE o.customer_id = c.id) >= 10000
ORDER BY total_cents DESC, c.name
