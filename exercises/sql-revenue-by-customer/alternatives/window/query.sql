-- Window functions over each customer's orders, one row kept per customer (not DISTINCT:
-- two customers of the same name with the same figures are two rows).
SELECT name, orders, total_cents
FROM (
  SELECT c.name,
         COUNT(*) OVER per_customer AS orders,
         SUM(o.amount_cents) OVER per_customer AS total_cents,
         ROW_NUMBER() OVER (PARTITION BY c.id ORDER BY o.id) AS nth
  FROM customers AS c
  JOIN orders AS o ON o.customer_id = c.id
  WINDOW per_customer AS (PARTITION BY c.id)
)
WHERE nth = 1 AND total_cents >= 10000
ORDER BY total_cents DESC, name;
