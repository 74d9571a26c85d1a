# The column, the direction and the category are all pasted into the SQL text. Fix that.


def list_products(db, category, sort_column, direction):
    rows = db.execute(
        f"SELECT id, name, price_cents, created_at FROM products WHERE category = '{category}' "
        f"ORDER BY {sort_column} {direction or 'ASC'}, id"
    ).fetchall()
    return [{"id": r[0], "name": r[1], "price_cents": r[2], "created_at": r[3]} for r in rows]
