# The category is a value: a parameter. The column and the direction are identifiers and
# keywords: chosen from allow-lists, never taken from the caller's text.
COLUMNS = ("name", "price_cents", "created_at")
DIRECTIONS = {"asc": "ASC", "desc": "DESC"}


def list_products(db, category, sort_column, direction):
    if sort_column not in COLUMNS:
        raise ValueError("unknown sort column")
    order = "ASC" if direction is None else DIRECTIONS.get(str(direction).lower())
    if order is None:
        raise ValueError("unknown sort direction")
    rows = db.execute(
        f"SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY {sort_column} {order}, id",
        (str(category),),
    ).fetchall()
    return [{"id": r[0], "name": r[1], "price_cents": r[2], "created_at": r[3]} for r in rows]
