# The text travels as a parameter; inside the LIKE pattern, \ % and _ are escaped with \,
# and ESCAPE '\' tells SQLite so.


def _escape_like(text):
    return str(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rows(cursor):
    return [{"id": r[0], "name": r[1], "price_cents": r[2]} for r in cursor]


def search_products(db, term):
    return _rows(db.execute(
        "SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name",
        (f"%{_escape_like(term)}%",),
    ))


def products_starting_with(db, prefix):
    return _rows(db.execute(
        "SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name",
        (f"{_escape_like(prefix)}%",),
    ))
