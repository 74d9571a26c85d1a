-- Sums as double precision: money loses its cents in binary (0.10 + 0.20 is 0.30000000000000004).
SELECT a.owner, t.booked_on, t.amount,
       SUM(t.amount::double precision) OVER (PARTITION BY t.account_id ORDER BY t.booked_on, t.id) AS balance
FROM transactions t JOIN accounts a ON a.id = t.account_id
ORDER BY a.owner, t.booked_on, t.id;
