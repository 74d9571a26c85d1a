CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, signed_up_at timestamp NOT NULL);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), ordered_at timestamp NOT NULL, total numeric(10,2) NOT NULL);
-- Signups in January and June only; signups outside 2024's first half are left out.
INSERT INTO customers VALUES
  (1, 'Old', '2023-12-31 23:59:59'), (2, 'Jan', '2024-01-01 00:00:00'), (3, 'Jun', '2024-06-30 23:59:59'),
  (4, 'Jul', '2024-07-01 00:00:00');
INSERT INTO orders VALUES
  (1, 1, '2024-01-02 00:00', 1.00), (2, 2, '2024-01-02 00:00', 1.00), (3, 3, '2024-07-01 00:00', 1.00),
  (4, 4, '2024-07-01 00:00', 1.00);
