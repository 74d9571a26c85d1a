CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL);
CREATE TABLE transactions (id integer PRIMARY KEY, account_id integer NOT NULL REFERENCES accounts (id), booked_on date NOT NULL, amount numeric(12,2) NOT NULL);
INSERT INTO accounts VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO transactions VALUES
  (1, 1, '2024-01-02', 100.00),
  (2, 2, '2024-01-03', 250.50),
  (3, 1, '2024-01-05', -30.25),
  (4, 1, '2024-01-09', 12.00),
  (5, 2, '2024-01-10', -50.50);
