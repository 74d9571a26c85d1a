-- A reviewer's correct answer, written differently (kept as an alternative: full marks).
SELECT month, SUM(signups)::bigint AS signups, SUM(converted)::bigint AS converted
FROM (
  SELECT date_trunc('month', signed_up_at)::date AS month,
         1 AS signups,
         CASE WHEN id IN (SELECT DISTINCT o.customer_id FROM orders o JOIN customers c2 ON c2.id = o.customer_id
                          WHERE o.ordered_at >= c2.signed_up_at AND o.ordered_at <= c2.signed_up_at + interval '30 days')
              THEN 1 ELSE 0 END AS converted
  FROM customers
  WHERE signed_up_at >= '2024-01-01' AND signed_up_at < '2024-07-01'
  UNION ALL
  SELECT d::date, 0, 0 FROM generate_series('2024-01-01'::date, '2024-06-01'::date, '1 month') AS d
) AS x
GROUP BY month
ORDER BY month;
