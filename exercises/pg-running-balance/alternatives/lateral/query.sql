-- A LATERAL subquery sums the account's transactions up to this one (row comparison).
SELECT a.owner, t.booked_on, t.amount, running.balance
FROM transactions AS t
JOIN accounts AS a ON a.id = t.account_id
CROSS JOIN LATERAL (
  SELECT SUM(e.amount) AS balance
  FROM transactions AS e
  WHERE e.account_id = t.account_id
    AND (e.booked_on < t.booked_on OR (e.booked_on = t.booked_on AND e.id <= t.id))
) AS running
ORDER BY a.owner, t.booked_on, t.id;
