"""Strips the column and the direction before checking them, so "name" with a newline is taken."""

COLUMNS = {"name", "price_cents", "created_at"}


def list_products(db, category, sort_column, direction):
    column = str(sort_column).strip()
    if column not in COLUMNS:
        raise ValueError("unknown sort column")
    wanted = "asc" if direction is None else str(direction).strip().lower()
    if wanted not in ("asc", "desc"):
        raise ValueError("unknown sort direction")
    rows = db.execute(f"SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY {column} {wanted.upper()}, id", (str(category),)).fetchall()
    return [{"id": r[0], "name": r[1], "price_cents": r[2], "created_at": r[3]} for r in rows]
