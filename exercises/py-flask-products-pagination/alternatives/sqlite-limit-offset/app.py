# SQLite's :memory: database does the filtering, counting and paging (COUNT, LIMIT, OFFSET).
import sqlite3

from flask import Flask, g, jsonify, request

SCHEMA = "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, category TEXT, price_cents INTEGER)"


class QueryError(ValueError):
    pass


def number(name, default, low, high=None):
    text = request.args.get(name)
    if text is None:
        return default
    if not text or any(c not in "0123456789" for c in text):
        raise QueryError(f"{name} is not a whole number")
    value = int(text)
    if value < low or (high is not None and value > high):
        raise QueryError(f"{name} is out of range")
    return value


def as_product(row):
    return {"id": row[0], "name": row[1], "category": row[2], "priceCents": row[3]}


def create_app():
    app = Flask(__name__)
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute(SCHEMA)

    @app.errorhandler(QueryError)
    def query_error(err):
        return jsonify(error=str(err)), 400

    @app.route("/products", methods=["POST"])
    def create():
        data = request.get_json(silent=True)
        ok = (
            isinstance(data, dict)
            and isinstance(data.get("name"), str) and data["name"] != ""
            and isinstance(data.get("category"), str) and data["category"] != ""
            and type(data.get("priceCents")) is int and data["priceCents"] >= 0
        )
        if not ok:
            return jsonify(error="name, category (non-empty text) and priceCents (integer >= 0) are required"), 400
        with db:
            cur = db.execute("INSERT INTO products (name, category, price_cents) VALUES (?, ?, ?)", (data["name"], data["category"], data["priceCents"]))
        product = {"id": cur.lastrowid, "name": data["name"], "category": data["category"], "priceCents": data["priceCents"]}
        return jsonify(product), 201, {"Location": "/products/%d" % cur.lastrowid}

    @app.route("/products/<raw>", methods=["GET"])
    def show(raw):
        row = None
        if raw.isascii() and raw.isdigit() and str(int(raw)) == raw and len(raw) < 19:
            row = db.execute("SELECT id, name, category, price_cents FROM products WHERE id = ?", (int(raw),)).fetchone()
        if row is None:
            return jsonify(error="no such product"), 404
        return jsonify(as_product(row))

    @app.route("/products", methods=["GET"])
    def index():
        page = number("page", 1, 1)
        size = number("pageSize", 10, 1, 50)
        where, params = ["price_cents >= ?"], [number("minPrice", 0, 0)]
        high = number("maxPrice", None, 0)
        if high is not None:
            where.append("price_cents <= ?")
            params.append(high)
        if "category" in request.args:
            where.append("category = ?")
            params.append(request.args["category"])
        clause = " AND ".join(where)
        # Prices and pages beyond SQLite's 64-bit integers: Python's ints are not bounded.
        params = [min(p, 2**62) if isinstance(p, int) else p for p in params]
        total = db.execute(f"SELECT COUNT(*) FROM products WHERE {clause}", params).fetchone()[0]
        offset = min((page - 1) * size, 2**62)
        rows = db.execute(f"SELECT id, name, category, price_cents FROM products WHERE {clause} ORDER BY id LIMIT ? OFFSET ?", params + [size, offset]).fetchall()
        return jsonify(items=[as_product(r) for r in rows], page=page, pageSize=size, total=total, totalPages=-(-total // size))

    return app
