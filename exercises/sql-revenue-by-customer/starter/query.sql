-- Write one SELECT query. Columns: name, orders, total_cents.
SELECT name
FROM customers;
