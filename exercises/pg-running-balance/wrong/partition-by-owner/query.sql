-- Partitions the window by the owner's name, not the account: an owner's two accounts share
-- one running balance.
SELECT a.owner,
       t.booked_on,
       t.amount,
       SUM(t.amount) OVER (PARTITION BY a.owner ORDER BY t.booked_on, t.id) AS balance
FROM transactions AS t
JOIN accounts AS a ON a.id = t.account_id
ORDER BY a.owner, t.booked_on, t.id;
