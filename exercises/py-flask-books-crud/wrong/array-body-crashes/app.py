from flask import Flask, jsonify, request


def create_app():
    app = Flask(__name__)
    books = []
    state = {"next_id": 1}

    def error(status, message):
        return jsonify({"error": message}), status

    @app.errorhandler(404)
    def not_found(e):
        return error(404, "not found")

    @app.errorhandler(400)
    def bad_request(e):
        return error(400, "bad request")

    def find(book_id):
        try:
            n = int(book_id)
        except ValueError:
            return None
        for b in books:
            if b["id"] == n:
                return b
        return None

    @app.get("/books")
    def list_books():
        if "author" in request.args:
            authors = request.args.getlist("author")
            if len(authors) > 1:
                return error(400, "author must be given once")
            return jsonify([b for b in books if b["author"] == authors[0]])
        return jsonify(books)

    @app.get("/books/<book_id>")
    def show_book(book_id):
        book = find(book_id)
        if book is None:
            return error(404, f"no book with id {book_id}")
        return jsonify(book)

    @app.post("/books")
    def create_book():
        data = request.get_json(silent=True) or {}
        for field in ("title", "author"):
            value = data.get(field)
            if not isinstance(value, str) or value.strip() == "":
                return error(400, f"{field} must be a non-empty string")
        year = data.get("year")
        if type(year) is not int:
            return error(400, "year must be an integer")
        book = {"id": state["next_id"], "title": data["title"], "author": data["author"], "year": year}
        state["next_id"] += 1
        books.append(book)
        resp = jsonify(book)
        resp.status_code = 201
        resp.headers["Location"] = f"/books/{book['id']}"
        return resp

    @app.delete("/books/<book_id>")
    def delete_book(book_id):
        book = find(book_id)
        if book is None:
            return error(404, f"no book with id {book_id}")
        books.remove(book)
        return "", 204

    return app
