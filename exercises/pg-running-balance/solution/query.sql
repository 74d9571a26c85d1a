SELECT a.owner,
       t.booked_on,
       t.amount,
       SUM(t.amount) OVER (PARTITION BY t.account_id ORDER BY t.booked_on, t.id) AS balance
FROM transactions AS t
JOIN accounts AS a ON a.id = t.account_id
ORDER BY a.owner, t.booked_on, t.id;
