"""Lower-cases the term with Python's str.lower() (every alphabet) and compares it with lower(name) LIKE ?, whose lower() folds ASCII only: a search for ÉCLAIR misses Éclair tin."""
def _escape(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rows(cursor):
    return [{"id": r[0], "name": r[1], "price_cents": r[2]} for r in cursor]


def search_products(db, term):
    pattern = "%" + _escape(term.lower()) + "%"
    return _rows(db.execute("SELECT id, name, price_cents FROM products WHERE lower(name) LIKE ? ESCAPE '\\' ORDER BY name", (pattern,)))


def products_starting_with(db, prefix):
    pattern = _escape(prefix.lower()) + "%"
    return _rows(db.execute("SELECT id, name, price_cents FROM products WHERE lower(name) LIKE ? ESCAPE '\\' ORDER BY name", (pattern,)))
