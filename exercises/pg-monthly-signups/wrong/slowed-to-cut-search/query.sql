-- Wrong on generated data only (one calendar month instead of 30 days), and sleeping there so that
-- the generated search runs out of time before the dataset that shows it (a reviewer's case).
WITH months AS (SELECT generate_series(DATE '2024-01-01', DATE '2024-06-01', INTERVAL '1 month')::date AS month),
     gen AS (SELECT NOT EXISTS (SELECT 1 FROM customers WHERE name NOT IN ('Ada', 'Bea')) AS g),
     nap AS (SELECT pg_sleep(CASE WHEN g THEN 1.2 ELSE 0 END) FROM gen)
SELECT m.month, COUNT(c.id) AS signups,
       COUNT(c.id) FILTER (WHERE EXISTS (SELECT 1 FROM orders o, gen WHERE o.customer_id = c.id
                                           AND o.ordered_at >= c.signed_up_at
                                           AND o.ordered_at <= c.signed_up_at + CASE WHEN gen.g THEN INTERVAL '1 month' ELSE INTERVAL '30 days' END)) AS converted
FROM months m CROSS JOIN nap LEFT JOIN customers c ON date_trunc('month', c.signed_up_at)::date = m.month
GROUP BY m.month ORDER BY m.month;
