-- A reviewer's correct answer, written differently (kept as an alternative: full marks).
SELECT make_date(2024, k, 1) AS month,
       COUNT(DISTINCT c.id) AS signups,
       COUNT(DISTINCT c.id) FILTER (WHERE o.ordered_at - c.signed_up_at BETWEEN INTERVAL '0' AND INTERVAL '30 days') AS converted
FROM generate_series(1, 6) AS k
LEFT JOIN customers c
       ON c.signed_up_at >= make_date(2024, k, 1)
      AND c.signed_up_at <  make_date(2024, k, 1) + INTERVAL '1 month'
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY k
ORDER BY month;
