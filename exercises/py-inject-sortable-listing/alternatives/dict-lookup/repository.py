"""Whole ORDER BY clauses written out in a dict keyed by (column, direction)."""
import sqlite3

ORDERS = {
    (column, direction): f"ORDER BY {column} {direction.upper()}, id ASC"
    for column in ("name", "price_cents", "created_at")
    for direction in ("asc", "desc")
}


class BadSort(Exception):
    pass


def list_products(db, category, sort_column, direction):
    key = (sort_column, "asc" if direction is None else (direction.lower() if isinstance(direction, str) else None))
    if key not in ORDERS:
        raise BadSort(f"cannot sort by {sort_column!r} {direction!r}")
    db.row_factory = sqlite3.Row
    sql = "SELECT id, name, price_cents, created_at FROM products WHERE category = :category " + ORDERS[key]
    return [dict(row) for row in db.execute(sql, {"category": category if isinstance(category, str) else str(category)})]
