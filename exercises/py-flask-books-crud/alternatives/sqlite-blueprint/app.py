# SQLite's :memory: database behind a blueprint; AUTOINCREMENT never gives an id twice.
import sqlite3

from flask import Blueprint, Flask, jsonify, request

bp = Blueprint("books", __name__)


def db():
    from flask import current_app
    return current_app.config["DB"]


def row_to_book(row):
    return {"id": row[0], "title": row[1], "author": row[2], "year": row[3]}


@bp.get("/books")
def list_books():
    if "author" in request.args:
        rows = db().execute("SELECT id, title, author, year FROM books WHERE author = ? ORDER BY id", (request.args["author"],))
    else:
        rows = db().execute("SELECT id, title, author, year FROM books ORDER BY id")
    return jsonify([row_to_book(r) for r in rows])


def by_id(book_id):
    if not (book_id.isascii() and book_id.isdigit()) or len(book_id) > 18:
        return None
    return db().execute("SELECT id, title, author, year FROM books WHERE id = ?", (int(book_id),)).fetchone()


@bp.get("/books/<book_id>")
def show_book(book_id):
    row = by_id(book_id)
    if row is None or str(row[0]) != book_id:
        return jsonify({"error": "book not found"}), 404
    return jsonify(row_to_book(row))


@bp.post("/books")
def create_book():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify({"error": "send a JSON object"}), 400
    title, author, year = data.get("title"), data.get("author"), data.get("year")
    if not (isinstance(title, str) and title.strip()) or not (isinstance(author, str) and author.strip()):
        return jsonify({"error": "title and author are required strings"}), 400
    if isinstance(year, bool) or not isinstance(year, int):
        return jsonify({"error": "year must be an integer"}), 400
    cur = db().execute("INSERT INTO books (title, author, year) VALUES (?, ?, ?)", (title, author, year))
    book = {"id": cur.lastrowid, "title": title, "author": author, "year": year}
    resp = jsonify(book)
    resp.status_code = 201
    resp.headers["Location"] = f"/books/{book['id']}"
    return resp


@bp.delete("/books/<book_id>")
def delete_book(book_id):
    row = by_id(book_id)
    if row is None or str(row[0]) != book_id:
        return jsonify({"error": "book not found"}), 404
    db().execute("DELETE FROM books WHERE id = ?", (row[0],))
    return "", 204


def create_app():
    app = Flask(__name__)
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    conn.execute("CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, author TEXT NOT NULL, year INTEGER NOT NULL)")
    app.config["DB"] = conn
    app.register_blueprint(bp)
    return app
