"""Escapes with str.replace(..., 1): only the first % or _ is escaped, the second still matches anything."""


def _escape(text):
    text = str(text).replace("\\", "\\\\", 1)
    return text.replace("%", "\\%", 1).replace("_", "\\_", 1)


def _rows(cursor):
    return [{"id": r[0], "name": r[1], "price_cents": r[2]} for r in cursor]


def search_products(db, term):
    return _rows(db.execute("SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name", (f"%{_escape(term)}%",)))


def products_starting_with(db, prefix):
    return _rows(db.execute("SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '\\' ORDER BY name", (f"{_escape(prefix)}%",)))
