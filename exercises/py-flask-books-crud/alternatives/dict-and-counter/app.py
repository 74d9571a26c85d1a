# Module-level state, an id counter from itertools and an error handler for every 404.
import itertools

from flask import Flask, abort, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
books = {}
ids = itertools.count(1)


@app.errorhandler(HTTPException)
def as_json(err):
    return {"error": err.description or err.name}, err.code


def valid(body):
    return (
        isinstance(body, dict)
        and all(isinstance(body.get(k), str) and body.get(k).strip() for k in ("title", "author"))
        and isinstance(body.get("year"), int)
        and not isinstance(body.get("year"), bool)
    )


def lookup(book_id):
    if not book_id.isdecimal() or not book_id.isascii() or int(book_id) not in books or book_id != str(int(book_id)):
        abort(404, description="book not found")
    return int(book_id)


@app.route("/books", methods=["GET"])
def index():
    wanted = request.args.get("author")
    return [b for b in books.values() if wanted is None or b["author"] == wanted]


@app.route("/books/<book_id>", methods=["GET"])
def show(book_id):
    return books[lookup(book_id)]


@app.route("/books", methods=["POST"])
def create():
    body = request.get_json(force=True, silent=True)
    if not valid(body):
        abort(400, description="title and author must be non-empty strings, year an integer")
    book = dict(id=next(ids), title=body["title"], author=body["author"], year=body["year"])
    books[book["id"]] = book
    return book, 201, {"Location": "/books/%d" % book["id"]}


@app.route("/books/<book_id>", methods=["DELETE"])
def remove(book_id):
    del books[lookup(book_id)]
    return "", 204
