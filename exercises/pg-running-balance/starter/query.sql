-- Write one SELECT query. Columns: owner, booked_on, amount, balance.
SELECT a.owner, t.booked_on, t.amount
FROM transactions AS t
JOIN accounts AS a ON a.id = t.account_id;
