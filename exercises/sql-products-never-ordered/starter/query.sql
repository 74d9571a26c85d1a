-- Write one SELECT query returning id and name of the products nobody ordered.
SELECT id, name
FROM products;
