-- Groups the customers by month: a month in which nobody signed up has no row at all.
SELECT date_trunc('month', c.signed_up_at)::date AS month,
       COUNT(*) AS signups,
       COUNT(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM orders o
          WHERE o.customer_id = c.id AND o.ordered_at >= c.signed_up_at AND o.ordered_at <= c.signed_up_at + INTERVAL '30 days'
       )) AS converted
FROM customers AS c
WHERE c.signed_up_at >= DATE '2024-01-01' AND c.signed_up_at < DATE '2024-07-01'
GROUP BY 1
ORDER BY 1;
