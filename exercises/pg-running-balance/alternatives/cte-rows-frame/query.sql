-- The ledger in a CTE, the window spelled out with an explicit ROWS frame.
WITH ledger AS (
  SELECT t.id, t.account_id, t.booked_on, t.amount, a.owner
  FROM transactions t
  JOIN accounts a ON a.id = t.account_id
)
SELECT owner, booked_on, amount,
       sum(amount) OVER (PARTITION BY account_id ORDER BY booked_on, id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS balance
FROM ledger
ORDER BY owner, booked_on, id
