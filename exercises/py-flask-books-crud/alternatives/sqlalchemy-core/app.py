from flask import Flask, jsonify, request
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, delete, insert, select
from sqlalchemy.pool import StaticPool

metadata = MetaData()
books = Table(
    "books",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String, nullable=False),
    Column("author", String, nullable=False),
    Column("year", Integer, nullable=False),
    sqlite_autoincrement=True,
)


class BadRequest(Exception):
    pass


def validated(payload):
    if not isinstance(payload, dict):
        raise BadRequest("request body must be a JSON object")
    out = {}
    for key in ("title", "author"):
        val = payload.get(key)
        if not isinstance(val, str) or not val.strip():
            raise BadRequest(f"{key} must be a non-empty string")
        out[key] = val
    year = payload.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        raise BadRequest("year must be an integer")
    out["year"] = year
    return out


def create_app():
    engine = create_engine(
        "sqlite://",
        connect_args={"check_same_thread": False},
        poolclass=StaticPool,
        future=True,
    )
    metadata.create_all(engine)
    app = Flask(__name__)

    def as_dict(row):
        return {"id": row.id, "title": row.title, "author": row.author, "year": row.year}

    def book_id_or_none(raw):
        try:
            return int(raw)
        except ValueError:
            return None

    @app.errorhandler(BadRequest)
    def on_bad_request(e):
        return jsonify({"error": str(e)}), 400

    @app.errorhandler(404)
    def on_not_found(e):
        return jsonify({"error": "resource not found"}), 404

    @app.get("/books")
    def list_books():
        stmt = select(books).order_by(books.c.id)
        author = request.args.get("author", type=str)
        if author is not None:
            stmt = stmt.where(books.c.author == author)
        with engine.connect() as conn:
            return jsonify([as_dict(r) for r in conn.execute(stmt)])

    @app.post("/books")
    def create_book():
        fields = validated(request.get_json(silent=True))
        with engine.begin() as conn:
            new_id = conn.execute(insert(books).values(**fields)).inserted_primary_key[0]
        book = {"id": new_id, **fields}
        return jsonify(book), 201, {"Location": f"/books/{new_id}"}

    @app.get("/books/<raw>")
    def get_book(raw):
        n = book_id_or_none(raw)
        row = None
        if n is not None:
            with engine.connect() as conn:
                row = conn.execute(select(books).where(books.c.id == n)).first()
        if row is None:
            return jsonify({"error": f"book {raw} does not exist"}), 404
        return jsonify(as_dict(row))

    @app.delete("/books/<raw>")
    def delete_book(raw):
        n = book_id_or_none(raw)
        deleted = 0
        if n is not None:
            with engine.begin() as conn:
                deleted = conn.execute(delete(books).where(books.c.id == n)).rowcount
        if not deleted:
            return jsonify({"error": f"book {raw} does not exist"}), 404
        return "", 204

    return app
