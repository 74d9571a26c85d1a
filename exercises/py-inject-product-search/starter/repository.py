# Both searches paste the visitor's text into the SQL text. Fix that, and match it literally.


def _rows(cursor):
    return [{"id": r[0], "name": r[1], "price_cents": r[2]} for r in cursor]


def search_products(db, term):
    return _rows(db.execute(f"SELECT id, name, price_cents FROM products WHERE name LIKE '%{term}%' ORDER BY name"))


def products_starting_with(db, prefix):
    return _rows(db.execute(f"SELECT id, name, price_cents FROM products WHERE name LIKE '{prefix}%' ORDER BY name"))
