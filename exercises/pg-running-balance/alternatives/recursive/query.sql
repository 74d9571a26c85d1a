-- A recursive CTE walks each account's transactions in order, carrying the balance.
WITH RECURSIVE ordered AS (
  SELECT t.*, row_number() OVER (PARTITION BY t.account_id ORDER BY t.booked_on, t.id) AS n
  FROM transactions t
),
walk AS (
  SELECT o.account_id, o.n, o.id, o.booked_on, o.amount, o.amount::numeric AS balance
  FROM ordered o WHERE o.n = 1
  UNION ALL
  SELECT o.account_id, o.n, o.id, o.booked_on, o.amount, w.balance + o.amount
  FROM walk w JOIN ordered o ON o.account_id = w.account_id AND o.n = w.n + 1
)
SELECT a.owner, w.booked_on, w.amount, w.balance
FROM walk w JOIN accounts a ON a.id = w.account_id
ORDER BY a.owner, w.booked_on, w.id;
