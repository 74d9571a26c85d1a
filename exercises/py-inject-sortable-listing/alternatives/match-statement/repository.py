"""A match statement picks the column; the direction is a boolean turned into SQL by the code."""


def list_products(db, category, sort_column, direction=None):
    match sort_column:
        case "name":
            column = "name"
        case "price_cents":
            column = "price_cents"
        case "created_at":
            column = "created_at"
        case _:
            raise LookupError("sort column not allowed")
    if direction is None:
        descending = False
    elif str(direction).lower() in ("asc", "desc"):
        descending = str(direction).lower() == "desc"
    else:
        raise LookupError("sort direction not allowed")
    cursor = db.cursor()
    cursor.execute(
        "SELECT id, name, price_cents, created_at FROM products WHERE category = ? ORDER BY "
        + column + (" DESC" if descending else " ASC") + ", id",
        [str(category)],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
