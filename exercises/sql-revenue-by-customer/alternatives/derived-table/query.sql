-- Totals per customer first, in a derived table; the threshold is a plain WHERE on it.
SELECT c.name, t.orders, t.total_cents
FROM (SELECT customer_id, COUNT(*) AS orders, SUM(amount_cents) AS total_cents
        FROM orders
       GROUP BY customer_id) AS t
JOIN customers AS c ON c.id = t.customer_id
WHERE t.total_cents >= 10000
ORDER BY t.total_cents DESC, c.name
