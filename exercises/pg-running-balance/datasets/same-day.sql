CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL);
CREATE TABLE transactions (id integer PRIMARY KEY, account_id integer NOT NULL REFERENCES accounts (id), booked_on date NOT NULL, amount numeric(12,2) NOT NULL);
INSERT INTO accounts VALUES (1, 'Linus');
-- Inserted out of order on purpose: the ids, not the insertion, give the order within a day.
INSERT INTO transactions VALUES
  (12, 1, '2024-03-01', -20.00),
  (10, 1, '2024-03-01', 500.00),
  (11, 1, '2024-03-01', -75.10),
  (13, 1, '2024-03-04', 10.10),
  (14, 1, '2024-03-04', 0.00);
