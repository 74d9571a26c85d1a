"""Even the column and direction reach SQLite as bound values: ORDER BY CASE picks the column."""
SQL = """
SELECT id, name, price_cents, created_at
  FROM products
 WHERE category = :category
 ORDER BY
   CASE WHEN :dir = 'asc'  AND :col = 'name'        THEN name        END ASC,
   CASE WHEN :dir = 'desc' AND :col = 'name'        THEN name        END DESC,
   CASE WHEN :dir = 'asc'  AND :col = 'price_cents' THEN price_cents END ASC,
   CASE WHEN :dir = 'desc' AND :col = 'price_cents' THEN price_cents END DESC,
   CASE WHEN :dir = 'asc'  AND :col = 'created_at'  THEN created_at  END ASC,
   CASE WHEN :dir = 'desc' AND :col = 'created_at'  THEN created_at  END DESC,
   id ASC
"""


def list_products(db, category, sort_column, direction):
    if sort_column not in ("name", "price_cents", "created_at"):
        raise ValueError("unknown column")
    d = "asc" if direction is None else str(direction).lower()
    if d not in ("asc", "desc"):
        raise ValueError("unknown direction")
    cursor = db.execute(SQL, {"category": category, "col": sort_column, "dir": d})
    keys = ("id", "name", "price_cents", "created_at")
    return [dict(zip(keys, row)) for row in cursor]
