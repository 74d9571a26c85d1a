from flask import Flask, jsonify, request
from flask.views import MethodView


class Store:
    def __init__(self):
        self.books = []
        self.last_id = 0

    def add(self, title, author, year):
        self.last_id += 1
        book = {"id": self.last_id, "title": title, "author": author, "year": year}
        self.books.append(book)
        return book

    def get(self, book_id):
        return next((b for b in self.books if b["id"] == book_id), None)

    def remove(self, book_id):
        book = self.get(book_id)
        if book is not None:
            self.books.remove(book)
        return book


def err(status, msg):
    r = jsonify({"error": msg})
    r.status_code = status
    return r


def to_id(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_text(v):
    return isinstance(v, str) and len(v.strip()) > 0


class BookList(MethodView):
    def __init__(self, store):
        self.store = store

    def get(self):
        authors = request.args.getlist("author")
        if not authors:
            return jsonify(self.store.books)
        # several authors: the last one wins
        return jsonify([b for b in self.store.books if b["author"] == authors[-1]])

    def post(self):
        body = request.get_json(silent=True)
        if type(body) is not dict:
            return err(400, "expected a JSON object")
        if not is_text(body.get("title")):
            return err(400, "title must be a non-empty string")
        if not is_text(body.get("author")):
            return err(400, "author must be a non-empty string")
        if not is_int(body.get("year")):
            return err(400, "year must be an integer")
        book = self.store.add(body["title"], body["author"], body["year"])
        resp = jsonify(book)
        resp.status_code = 201
        resp.headers["Location"] = "/books/%d" % book["id"]
        return resp


class BookItem(MethodView):
    def __init__(self, store):
        self.store = store

    def get(self, book_id):
        n = to_id(book_id)
        book = self.store.get(n) if n is not None else None
        if book is None:
            return err(404, "book %s not found" % book_id)
        return jsonify(book)

    def delete(self, book_id):
        n = to_id(book_id)
        if n is None or self.store.remove(n) is None:
            return err(404, "book %s not found" % book_id)
        return "", 204


def create_app():
    app = Flask(__name__)
    store = Store()
    app.add_url_rule("/books", view_func=BookList.as_view("book_list", store))
    app.add_url_rule("/books/<book_id>", view_func=BookItem.as_view("book_item", store))

    @app.errorhandler(404)
    def nf(_):
        return err(404, "not found")

    @app.errorhandler(400)
    def br(_):
        return err(400, "bad request")

    return app
