-- Wrong on generated data only (ties broken by id), and burning CPU there so that the generated
-- search runs out of time before the dataset that shows it (a reviewer's case).
WITH gen AS (SELECT (SELECT COUNT(*) FROM customers WHERE city NOT IN ('Rome', 'Oslo')) = 0 AS g),
res AS (
  SELECT c.id AS cid, c.name, COUNT(o.id) AS orders, SUM(o.amount_cents) AS total_cents
  FROM customers c JOIN orders o ON o.customer_id = c.id
  GROUP BY c.id, c.name
  HAVING SUM(o.amount_cents) >= 10000
  UNION ALL
  SELECT 0, 'never', 0, 0 FROM gen WHERE gen.g
    AND (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 1200000) SELECT max(n) FROM r) < 0
)
SELECT name, orders, total_cents FROM res, gen
ORDER BY total_cents DESC, CASE WHEN gen.g THEN printf('%09d', cid) ELSE name END;
