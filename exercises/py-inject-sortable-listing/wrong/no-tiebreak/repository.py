"""Has no id tie-break at all: ties come in whatever order SQLite leaves them (an index on (category, price_cents) read backwards gives them by descending id)."""
COLUMNS = {"name": "name", "price_cents": "price_cents", "created_at": "created_at"}
DIRECTIONS = {"asc": "ASC", "desc": "DESC"}


def list_products(db, category, sort_column, direction):
    if sort_column not in COLUMNS:
        raise ValueError("unknown sort column")
    if direction is None:
        order = "ASC"
    elif direction.lower() in DIRECTIONS:
        order = DIRECTIONS[direction.lower()]
    else:
        raise ValueError("unknown sort direction")
    rows = db.execute(
        f"SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY {COLUMNS[sort_column]} {order}",
        (category,),
    ).fetchall()
    return [{"id": r[0], "name": r[1], "price_cents": r[2], "created_at": r[3]} for r in rows]
