-- A reviewer's correct answer, written differently (kept as an alternative: full marks).
WITH flags AS (
  SELECT date_trunc('month', c.signed_up_at::timestamptz)::date AS m,
         CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id
                             AND extract(epoch FROM o.ordered_at - c.signed_up_at) BETWEEN 0 AND 30 * 86400)
              THEN 1 ELSE 0 END AS conv
  FROM customers c
)
SELECT months.m::date AS MONTH,
       COUNT(flags.m)::int AS SIGNUPS,
       COALESCE(SUM(flags.conv), 0)::int AS CONVERTED
FROM generate_series(timestamp '2024-01-01', timestamp '2024-06-30', interval '1 month') AS months(m)
LEFT JOIN flags ON flags.m = months.m::date
GROUP BY months.m
ORDER BY 1;
