CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, signed_up_at timestamp NOT NULL);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), ordered_at timestamp NOT NULL, total numeric(10,2) NOT NULL);
INSERT INTO customers VALUES
  (1, 'Ada', '2024-01-05 10:00'), (2, 'Bea', '2024-01-20 09:30'), (3, 'Cyd', '2024-02-11 18:00'),
  (4, 'Dan', '2024-03-03 08:15'), (5, 'Eve', '2024-03-30 23:00'), (6, 'Flo', '2024-05-17 12:00'),
  (7, 'Gus', '2024-06-01 00:00');
INSERT INTO orders VALUES
  (1, 1, '2024-01-06 11:00', 25.00),
  (2, 2, '2024-04-01 10:00', 12.50),
  (3, 3, '2024-02-12 09:00', 40.00), (4, 3, '2024-02-20 09:00', 18.00),
  (5, 5, '2024-04-15 20:00', 99.90),
  (6, 7, '2024-06-02 14:00', 5.00);
