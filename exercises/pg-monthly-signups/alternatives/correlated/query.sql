-- One scalar subquery per column; months from a VALUES list; half-open month ranges.
SELECT m.month::date AS month,
       (SELECT count(*) FROM customers c
         WHERE c.signed_up_at >= m.month AND c.signed_up_at < m.month + interval '1 month') AS signups,
       (SELECT count(DISTINCT c.id)
          FROM customers c JOIN orders o ON o.customer_id = c.id
         WHERE c.signed_up_at >= m.month AND c.signed_up_at < m.month + interval '1 month'
           AND o.ordered_at - c.signed_up_at BETWEEN interval '0' AND interval '30 days') AS converted
FROM (VALUES (date '2024-01-01'), (date '2024-02-01'), (date '2024-03-01'),
             (date '2024-04-01'), (date '2024-05-01'), (date '2024-06-01')) AS m(month)
ORDER BY 1
