-- Conversions as a set of customer ids (DISTINCT over a join), counted with SUM(CASE …).
WITH converted_ids AS (
  SELECT DISTINCT o.customer_id AS id
  FROM orders o
  JOIN customers c ON c.id = o.customer_id
  WHERE o.ordered_at >= c.signed_up_at
    AND o.ordered_at <= c.signed_up_at + interval '30 days'
)
SELECT gs.month::date AS month,
       sum(CASE WHEN c.id IS NULL THEN 0 ELSE 1 END)::int AS signups,
       sum(CASE WHEN ci.id IS NOT NULL THEN 1 ELSE 0 END)::int AS converted
FROM generate_series(date '2024-01-01', date '2024-06-01', interval '1 month') AS gs(month)
LEFT JOIN customers c ON date_trunc('month', c.signed_up_at) = gs.month
LEFT JOIN converted_ids ci ON ci.id = c.id
GROUP BY gs.month
ORDER BY 1
