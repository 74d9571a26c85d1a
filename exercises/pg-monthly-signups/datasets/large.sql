CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, signed_up_at timestamp NOT NULL);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), ordered_at timestamp NOT NULL, total numeric(10,2) NOT NULL);
-- 600 customers over 2023-11 to 2024-08 and 1500 orders at various delays.
INSERT INTO customers
SELECT i, 'customer-' || i, TIMESTAMP '2023-11-01' + ((i * 7919) % 300) * INTERVAL '1 day' + ((i * 37) % 86400) * INTERVAL '1 second'
FROM generate_series(1, 600) AS i;
INSERT INTO orders
SELECT i, c.id, c.signed_up_at + (((i * 17) % 80) - 10) * INTERVAL '1 day', ((i * 31) % 5000) / 100.0
FROM generate_series(1, 1500) AS i
JOIN customers AS c ON c.id = 1 + (i * 13) % 600;
