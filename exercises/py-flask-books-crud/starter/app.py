from flask import Flask, jsonify


def create_app():
    """Builds the books API. The grader calls create_app() once per test and serves the app
    itself: do not call app.run()."""
    app = Flask(__name__)
    books = []

    @app.get("/books")
    def list_books():
        return jsonify(books)

    # TODO: GET /books?author=..., GET /books/<id>, POST /books, DELETE /books/<id>

    return app
