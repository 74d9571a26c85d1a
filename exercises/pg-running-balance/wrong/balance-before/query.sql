-- The frame stops one row early: the balance before each transaction, not after it.
SELECT a.owner,
       t.booked_on,
       t.amount,
       SUM(t.amount) OVER (PARTITION BY t.account_id ORDER BY t.booked_on, t.id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS balance
FROM transactions AS t
JOIN accounts AS a ON a.id = t.account_id
ORDER BY a.owner, t.booked_on, t.id;
