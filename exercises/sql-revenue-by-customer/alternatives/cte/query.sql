-- The totals in a CTE, joined back to the customers; the threshold and the order outside.
WITH totals AS (
  SELECT customer_id, COUNT(*) AS orders, SUM(amount_cents) AS total_cents
  FROM orders
  GROUP BY customer_id
)
SELECT customers.name AS name, totals.orders AS orders, totals.total_cents AS total_cents
FROM totals
JOIN customers ON customers.id = totals.customer_id
WHERE totals.total_cents >= 10000
ORDER BY 3 DESC, 1
