"""LIKE with ! as the escape character, the pattern built with re.sub."""
import re

QUERY = "SELECT id, name, price_cents FROM products WHERE name LIKE ? ESCAPE '!' ORDER BY name"


def literal(text):
    return re.sub(r"([!%_])", r"!\1", "%s" % (text,))


def search_products(db, term):
    return [dict(id=i, name=n, price_cents=p) for (i, n, p) in db.execute(QUERY, ["%" + literal(term) + "%"])]


def products_starting_with(db, prefix):
    return [dict(id=i, name=n, price_cents=p) for (i, n, p) in db.execute(QUERY, [literal(prefix) + "%"])]
