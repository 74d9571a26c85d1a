-- Without a window function: each balance sums the account's transactions up to this one.
SELECT a.owner,
       t.booked_on,
       t.amount,
       (SELECT SUM(earlier.amount)
          FROM transactions AS earlier
         WHERE earlier.account_id = t.account_id
           AND (earlier.booked_on, earlier.id) <= (t.booked_on, t.id)) AS balance
FROM transactions t, accounts a
WHERE a.id = t.account_id
ORDER BY 1, 2, t.id
