from flask import Flask, jsonify, request


def problem_with(body):
    """Why a book body is invalid, or None when it is valid."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    for field in ("title", "author"):
        if not isinstance(body.get(field), str) or body[field].strip() == "":
            return f"{field} must be a non-empty string"
    # bool is a subclass of int in Python: true is not a year.
    if type(body.get("year")) is not int:
        return "year must be an integer"
    return None


def create_app():
    app = Flask(__name__)
    books = []
    last_id = 0

    def find(book_id):
        return next((book for book in books if book["id"] == book_id), None)

    def not_found(book_id):
        return jsonify(error=f"no book has id {book_id}"), 404

    @app.get("/books")
    def list_books():
        author = request.args.get("author")
        return jsonify(books if author is None else [b for b in books if b["author"] == author])

    @app.get("/books/<int:book_id>")
    def show_book(book_id):
        book = find(book_id)
        return jsonify(book) if book else not_found(book_id)

    @app.post("/books")
    def create_book():
        nonlocal last_id
        # silent: malformed JSON or no JSON at all is None here, answered 400 as JSON below.
        body = request.get_json(silent=True)
        problem = problem_with(body)
        if problem:
            return jsonify(error=problem), 400
        last_id += 1
        book = {"id": last_id, "title": body["title"], "author": body["author"], "year": body["year"]}
        books.append(book)
        return jsonify(book), 201, {"Location": f"/books/{last_id}"}

    @app.delete("/books/<int:book_id>")
    def delete_book(book_id):
        book = find(book_id)
        if not book:
            return not_found(book_id)
        books.remove(book)
        return "", 204

    return app
