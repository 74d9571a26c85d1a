"""Filters in Python with casefold(), which folds every letter (é finds Éclair tin), where LIKE folds ASCII only."""


def _all(db):
    return [{"id": i, "name": n, "price_cents": p} for i, n, p in db.execute("SELECT id, name, price_cents FROM products ORDER BY name")]


def search_products(db, term):
    needle = str(term).casefold()
    return [r for r in _all(db) if needle in r["name"].casefold()]


def products_starting_with(db, prefix):
    start = str(prefix).casefold()
    return [r for r in _all(db) if r["name"].casefold().startswith(start)]
