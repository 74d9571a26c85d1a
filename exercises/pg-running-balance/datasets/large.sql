CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL);
CREATE TABLE transactions (id integer PRIMARY KEY, account_id integer NOT NULL REFERENCES accounts (id), booked_on date NOT NULL, amount numeric(12,2) NOT NULL);
-- 40 accounts and 800 transactions, several a day, amounts of both signs.
INSERT INTO accounts SELECT i, 'owner-' || lpad(((i * 7) % 40)::text, 2, '0') FROM generate_series(1, 40) AS i;
INSERT INTO transactions
SELECT i,
       1 + (i * 13) % 40,
       DATE '2024-01-01' + ((i * 31) % 90),
       round((((i * 7919) % 2000) - 900) / 7.0, 2)
FROM generate_series(1, 800) AS i;
