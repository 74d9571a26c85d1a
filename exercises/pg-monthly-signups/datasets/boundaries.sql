CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, signed_up_at timestamp NOT NULL);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), ordered_at timestamp NOT NULL, total numeric(10,2) NOT NULL);
-- Orders exactly 30 days after signing up count, a second later do not; an order placed
-- before signing up (by a guest who registered later) does not count either.
INSERT INTO customers VALUES
  (1, 'Exactly', '2024-02-29 23:59:59'), (2, 'Late', '2024-03-01 00:00:00'), (3, 'Before', '2024-04-10 12:00:00'),
  (4, 'Both', '2024-04-30 23:59:59');
INSERT INTO orders VALUES
  (1, 1, '2024-03-30 23:59:59', 10.00),
  (2, 2, '2024-03-31 00:00:01', 10.00),
  (3, 3, '2024-04-09 12:00:00', 10.00),
  (4, 4, '2024-05-01 00:00:00', 10.00), (5, 4, '2024-05-02 00:00:00', 10.00), (6, 4, '2024-05-30 23:59:59', 10.00);
