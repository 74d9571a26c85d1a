"""The pattern is a parameter, but % and _ in it are left as wildcards."""


def _rows(cursor):
    return [{"id": r[0], "name": r[1], "price_cents": r[2]} for r in cursor]


def search_products(db, term):
    return _rows(db.execute("SELECT id, name, price_cents FROM products WHERE name LIKE ? ORDER BY name", (f"%{term}%",)))


def products_starting_with(db, prefix):
    return _rows(db.execute("SELECT id, name, price_cents FROM products WHERE name LIKE ? ORDER BY name", (f"{prefix}%",)))
