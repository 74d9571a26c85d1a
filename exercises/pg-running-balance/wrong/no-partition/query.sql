-- The window covers every account: one running total for the whole bank.
SELECT a.owner,
       t.booked_on,
       t.amount,
       SUM(t.amount) OVER (ORDER BY a.owner, t.booked_on, t.id) AS balance
FROM transactions AS t
JOIN accounts AS a ON a.id = t.account_id
ORDER BY a.owner, t.booked_on, t.id;
