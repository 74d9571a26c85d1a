-- Starts from the accounts with a LEFT JOIN: an account without transactions gets a row of
-- NULLs, though the statement lists transactions.
SELECT a.owner,
       t.booked_on,
       t.amount,
       SUM(t.amount) OVER (PARTITION BY a.id ORDER BY t.booked_on, t.id) AS balance
FROM accounts AS a
LEFT JOIN transactions AS t ON t.account_id = a.id
ORDER BY a.owner, t.booked_on, t.id;
