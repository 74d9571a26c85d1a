"""Binds the column as a parameter: ORDER BY sorts by a constant text, i.e. not at all."""


def list_products(db, category, sort_column, direction):
    order = "DESC" if str(direction).lower() == "desc" else "ASC"
    rows = db.execute(f"SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY ? {order}, id", (str(category), sort_column)).fetchall()
    return [{"id": r[0], "name": r[1], "price_cents": r[2], "created_at": r[3]} for r in rows]
