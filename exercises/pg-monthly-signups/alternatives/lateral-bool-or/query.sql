-- Each customer's conversion decided once in a LATERAL subquery (bool_or over the orders),
-- then counted per month; the months come from generate_series over timestamps.
SELECT m.month::date AS month,
       count(c.id) AS signups,
       count(c.id) FILTER (WHERE conv.converted) AS converted
FROM generate_series(timestamp '2024-01-01', timestamp '2024-06-01', interval '1 month') AS m(month)
LEFT JOIN customers c
       ON c.signed_up_at >= m.month AND c.signed_up_at < m.month + interval '1 month'
LEFT JOIN LATERAL (
  SELECT coalesce(bool_or(o.ordered_at BETWEEN c.signed_up_at AND c.signed_up_at + interval '30 days'), false) AS converted
  FROM orders o
  WHERE o.customer_id = c.id
) AS conv ON true
GROUP BY m.month
ORDER BY m.month
