CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL);
CREATE TABLE transactions (id integer PRIMARY KEY, account_id integer NOT NULL REFERENCES accounts (id), booked_on date NOT NULL, amount numeric(12,2) NOT NULL);
INSERT INTO accounts VALUES (1, 'Zoe'), (2, 'Bea'), (3, 'Max');
INSERT INTO transactions VALUES
  (1, 1, '2024-02-01', 40.00), (2, 2, '2024-02-01', 15.00), (3, 3, '2024-02-01', 99.99),
  (4, 2, '2024-02-02', -5.00), (5, 1, '2024-02-02', -40.00), (6, 2, '2024-02-02', 1.00),
  (7, 3, '2024-02-03', -0.99), (8, 1, '2024-02-04', 7.50);
