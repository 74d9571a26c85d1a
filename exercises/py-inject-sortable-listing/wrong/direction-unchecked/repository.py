"""Checks the column against an allow-list but pastes the direction."""


def list_products(db, category, sort_column, direction):
    if sort_column not in {"name", "price_cents", "created_at"}:
        raise ValueError("unknown sort column")
    rows = db.execute(f"SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY {sort_column} {direction or 'ASC'}, id", (str(category),)).fetchall()
    return [{"id": r[0], "name": r[1], "price_cents": r[2], "created_at": r[3]} for r in rows]
