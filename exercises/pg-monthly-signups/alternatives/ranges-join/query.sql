-- Customers tagged once (month and conversion) in a CTE, then grouped onto the six months.
WITH tagged AS (
  SELECT date_trunc('month', c.signed_up_at)::date AS month,
         EXISTS (SELECT 1 FROM orders o
                  WHERE o.customer_id = c.id
                    AND o.ordered_at BETWEEN c.signed_up_at AND c.signed_up_at + interval '30 days') AS converted
  FROM customers c
),
months(month) AS (
  SELECT (date '2024-01-01' + make_interval(months => k))::date FROM generate_series(0, 5) AS k
)
SELECT months.month,
       count(tagged.month) AS signups,
       count(*) FILTER (WHERE tagged.converted) AS converted
FROM months
LEFT JOIN tagged USING (month)
GROUP BY months.month
ORDER BY months.month
