-- NOT IN is safe once the NULLs are out of the list.
SELECT id, name
FROM products
WHERE id NOT IN (SELECT product_id FROM order_items WHERE product_id IS NOT NULL)
