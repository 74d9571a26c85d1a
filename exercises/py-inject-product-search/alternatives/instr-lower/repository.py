"""No LIKE at all: instr() on the ASCII-lower-cased name finds the text literally (lower() in SQLite folds ASCII only)."""


def search_products(db, term):
    cur = db.execute(
        "SELECT id, name, price_cents FROM products WHERE instr(lower(name), lower(:t)) > 0 ORDER BY name",
        {"t": str(term)},
    )
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def products_starting_with(db, prefix):
    cur = db.execute(
        "SELECT id, name, price_cents FROM products WHERE substr(lower(name), 1, length(:p)) = lower(:p) ORDER BY name",
        {"p": str(prefix)},
    )
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]
