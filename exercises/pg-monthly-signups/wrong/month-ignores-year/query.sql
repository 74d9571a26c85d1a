-- Matches signups to months by the month's number alone: a signup of March 2023 counts in
-- March 2024.
WITH months AS (
  SELECT generate_series(DATE '2024-01-01', DATE '2024-06-01', INTERVAL '1 month')::date AS month
)
SELECT m.month,
       COUNT(c.id) AS signups,
       COUNT(c.id) FILTER (WHERE EXISTS (
         SELECT 1 FROM orders AS o
          WHERE o.customer_id = c.id AND o.ordered_at >= c.signed_up_at AND o.ordered_at <= c.signed_up_at + INTERVAL '30 days'
       )) AS converted
FROM months AS m
LEFT JOIN customers AS c ON extract(month FROM c.signed_up_at) = extract(month FROM m.month)
GROUP BY m.month
ORDER BY m.month;
