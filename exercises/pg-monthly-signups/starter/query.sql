-- Write one SELECT query. Columns: month, signups, converted.
SELECT date_trunc('month', signed_up_at)::date AS month, COUNT(*) AS signups
FROM customers
GROUP BY 1
ORDER BY 1;
