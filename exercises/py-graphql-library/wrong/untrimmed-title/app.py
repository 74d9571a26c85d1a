import os
from urllib.parse import quote

import graphene
import requests
from flask import Flask, jsonify, request
from graphql.error import GraphQLError, format_error
from graphql.language import ast
from promise import Promise
from promise.dataloader import DataLoader


class ID(graphene.Scalar):
    """GraphQL's ID, strict: a variable must be a string or an integer (graphene 2's own ID
    turns any JSON value, an object too, into a string)."""

    class Meta:
        name = "ID"

    @staticmethod
    def serialize(value):
        return str(value)

    @staticmethod
    def parse_literal(node):
        if isinstance(node, (ast.StringValue, ast.IntValue)):
            return node.value
        return None

    @staticmethod
    def parse_value(value):
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return str(value)
        return None


def bad_input(message):
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})


class GroupedLoader(DataLoader):
    """Items of a collection by one field, one backend request per batch: each key gets the
    items whose field is that key (keys are strings)."""

    def __init__(self, backend, collection, field):
        super().__init__()
        self.backend, self.collection, self.field = backend, collection, field

    def batch_load_fn(self, keys):
        items = self.backend.get("/" + self.collection, params=[(self.field, key) for key in keys])
        return Promise.resolve([[item for item in items if str(item[self.field]) == key] for key in keys])


class Backend:
    """The backend, for one GraphQL request: plain reads and writes, and a loader per batched read."""

    def __init__(self, base):
        self.base = base
        self.authors = GroupedLoader(self, "authors", "id")
        self.books_by_author = GroupedLoader(self, "books", "authorId")
        self.reviews_by_book = GroupedLoader(self, "reviews", "bookId")

    def call(self, method, path, **kwargs):
        res = requests.request(method, self.base + path, timeout=5, **kwargs)
        if res.status_code == 404:
            return None
        if not res.ok:
            raise Exception("the backend failed ({})".format(res.status_code))
        return res.json()

    def get(self, path, params=None):
        return self.call("GET", path, params=params)

    def post(self, path, body):
        return self.call("POST", path, json=body)


class Review(graphene.ObjectType):
    id = ID(required=True)
    stars = graphene.Int(required=True)
    text = graphene.String()


class Author(graphene.ObjectType):
    id = ID(required=True)
    name = graphene.String(required=True)
    born = graphene.Int()
    books = graphene.List(graphene.NonNull(lambda: Book), required=True)

    def resolve_books(root, info):
        return info.context.books_by_author.load(str(root["id"]))


def average(reviews):
    if not reviews:
        return None
    return round(sum(review["stars"] for review in reviews) / len(reviews), 2)


class Book(graphene.ObjectType):
    id = ID(required=True)
    title = graphene.String(required=True)
    year = graphene.Int(required=True)
    author = graphene.Field(graphene.NonNull(Author))
    reviews = graphene.List(graphene.NonNull(Review), required=True)
    average_stars = graphene.Float()

    def resolve_author(root, info):
        return info.context.authors.load(str(root["authorId"])).then(lambda rows: rows[0] if rows else None)

    def resolve_reviews(root, info):
        return info.context.reviews_by_book.load(str(root["id"]))

    def resolve_average_stars(root, info):
        return info.context.reviews_by_book.load(str(root["id"])).then(average)


class AddBookInput(graphene.InputObjectType):
    title = graphene.String(required=True)
    year = graphene.Int(required=True)
    author_id = ID(required=True)


class Query(graphene.ObjectType):
    book = graphene.Field(Book, id=ID(required=True))
    books = graphene.List(graphene.NonNull(Book), required=True, year=graphene.Int(), first=graphene.Int(default_value=10))
    author = graphene.Field(Author, id=ID(required=True))

    def resolve_book(root, info, id):
        return info.context.get("/books/" + quote(id, safe=""))

    def resolve_books(root, info, first, year=None):
        if first < 1 or first > 50:
            raise bad_input("first must be between 1 and 50")
        rows = info.context.get("/books", params=None if year is None else {"year": year})
        return rows[:first]

    def resolve_author(root, info, id):
        return info.context.authors.load(id).then(lambda rows: rows[0] if rows else None)


class Mutation(graphene.ObjectType):
    add_book = graphene.Field(graphene.NonNull(Book), input=AddBookInput(required=True))
    add_review = graphene.Field(graphene.NonNull(Review), book_id=ID(required=True), stars=graphene.Int(required=True), text=graphene.String())

    def resolve_add_book(root, info, input):
        title, year, author_id = input["title"], input["year"], input["author_id"]
        if title == "":
            raise bad_input("title must not be empty")
        if year < 1450 or year > 2100:
            raise bad_input("year must be between 1450 and 2100")

        def store(rows):
            if not rows:
                raise bad_input("there is no author {}".format(author_id))
            return info.context.post("/books", {"title": title, "year": year, "authorId": rows[0]["id"]})

        return info.context.authors.load(author_id).then(store)

    def resolve_add_review(root, info, book_id, stars, text=None):
        if stars < 1 or stars > 5:
            raise bad_input("stars must be between 1 and 5")
        book = info.context.get("/books/" + quote(book_id, safe=""))
        if book is None:
            raise bad_input("there is no book {}".format(book_id))
        return info.context.post("/reviews", {"bookId": book["id"], "stars": stars, "text": text})


schema = graphene.Schema(query=Query, mutation=Mutation)


def create_app():
    app = Flask(__name__)

    @app.post("/graphql")
    def graphql_endpoint():
        body = request.get_json(silent=True) or {}
        result = schema.execute(
            body.get("query"),
            variable_values=body.get("variables"),
            context_value=Backend(os.environ["SOURCE_URL"]),  # new loaders for every request
        )
        answer = {}
        if result.errors:
            answer["errors"] = [format_error(error) for error in result.errors]
        if not result.invalid:
            answer["data"] = result.data
        return jsonify(answer), 200 if "data" in answer else 400

    return app
