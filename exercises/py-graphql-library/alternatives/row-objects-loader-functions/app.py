"""Rows as objects (attribute resolvers), DataLoaders built from plain batch functions keyed by
integers, and Promise.all where a resolver waits on two loaders."""
import os

import graphene
import requests
from flask import Flask, jsonify, request
from graphql.error import GraphQLError, format_error
from graphql.language import ast
from promise import Promise
from promise.dataloader import DataLoader


class ID(graphene.Scalar):
    class Meta:
        name = "ID"

    @staticmethod
    def serialize(value):
        return str(value)

    @staticmethod
    def parse_literal(node):
        if isinstance(node, ast.StringValue) or isinstance(node, ast.IntValue):
            return node.value

    @staticmethod
    def parse_value(value):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return None
        return str(value)


class BadInput(GraphQLError):
    def __init__(self, message):
        super().__init__(message, extensions={"code": "BAD_USER_INPUT"})


class Row:
    def __init__(self, fields):
        self.__dict__.update(fields)


def as_key(id):
    return int(id) if str(id).isdigit() else -1


class Context:
    def __init__(self, base):
        self.http = requests.Session()
        self.base = base
        self.authors = DataLoader(self.batch("authors", "id"))
        self.books_of = DataLoader(self.batch("books", "authorId"))
        self.reviews_of = DataLoader(self.batch("reviews", "bookId"))

    def request(self, method, path, **kwargs):
        res = self.http.request(method, self.base + path, timeout=5, **kwargs)
        if res.status_code == 404:
            return None
        res.raise_for_status()
        return res.json()

    def batch(self, collection, field):
        def load(keys):
            rows = self.request("GET", "/" + collection, params={field: list(keys)})
            return Promise.resolve([[Row(r) for r in rows if r[field] == key] for key in keys])
        return load


class Review(graphene.ObjectType):
    id = ID(required=True)
    stars = graphene.Int(required=True)
    text = graphene.String()


class Author(graphene.ObjectType):
    id = ID(required=True)
    name = graphene.String(required=True)
    born = graphene.Int()
    books = graphene.List(graphene.NonNull(lambda: Book), required=True)

    def resolve_books(self, info):
        return info.context.books_of.load(self.id)


class Book(graphene.ObjectType):
    id = ID(required=True)
    title = graphene.String(required=True)
    year = graphene.Int(required=True)
    author = graphene.Field(graphene.NonNull(Author))
    reviews = graphene.List(graphene.NonNull(Review), required=True)
    average_stars = graphene.Float()

    def resolve_author(self, info):
        return info.context.authors.load(self.authorId).then(lambda found: found[0])

    def resolve_reviews(self, info):
        return info.context.reviews_of.load(self.id)

    def resolve_average_stars(self, info):
        def mean(reviews):
            return round(sum(r.stars for r in reviews) / len(reviews), 2) if reviews else None
        return info.context.reviews_of.load(self.id).then(mean)


class AddBookInput(graphene.InputObjectType):
    title = graphene.String(required=True)
    year = graphene.Int(required=True)
    author_id = ID(required=True)


class Query(graphene.ObjectType):
    book = graphene.Field(Book, id=ID(required=True))
    books = graphene.List(graphene.NonNull(Book), required=True, year=graphene.Int(), first=graphene.Int(default_value=10))
    author = graphene.Field(Author, id=ID(required=True))

    def resolve_book(root, info, id):
        row = info.context.request("GET", "/books/{}".format(as_key(id)))
        return Row(row) if row else None

    def resolve_books(root, info, **args):
        first, year = args["first"], args.get("year")
        if first < 1 or first > 50:
            raise BadInput("first must be between 1 and 50")
        rows = info.context.request("GET", "/books", params={} if year is None else {"year": year})
        return [Row(r) for r in rows[:first]]

    def resolve_author(root, info, id):
        return info.context.authors.load(as_key(id)).then(lambda found: found[0] if found else None)


class Mutation(graphene.ObjectType):
    add_book = graphene.Field(graphene.NonNull(Book), input=AddBookInput(required=True))
    add_review = graphene.Field(graphene.NonNull(Review), book_id=ID(required=True), stars=graphene.Int(required=True), text=graphene.String())

    def resolve_add_book(root, info, input):
        if len(input.title.strip()) == 0:
            raise BadInput("title must not be blank")
        if not (1450 <= input.year <= 2100):
            raise BadInput("year must be within 1450-2100")
        found = info.context.authors.load(as_key(input.author_id)).get()
        if not found:
            raise BadInput("no such author")
        row = info.context.request("POST", "/books", json={"title": input.title, "year": input.year, "authorId": found[0].id})
        return Row(row)

    def resolve_add_review(root, info, book_id, stars, text=None):
        if not (1 <= stars <= 5):
            raise BadInput("stars must be within 1-5")
        book = info.context.request("GET", "/books/{}".format(as_key(book_id)))
        if not book:
            raise BadInput("no such book")
        return Row(info.context.request("POST", "/reviews", json={"bookId": book["id"], "stars": stars, "text": text}))


schema = graphene.Schema(query=Query, mutation=Mutation)


def create_app():
    app = Flask(__name__)

    @app.route("/graphql", methods=["POST"])
    def graphql_endpoint():
        body = request.get_json(silent=True) or {}
        result = schema.execute(body.get("query"), variable_values=body.get("variables"), context_value=Context(os.environ["SOURCE_URL"]))
        if result.invalid:
            return jsonify({"errors": [format_error(e) for e in result.errors]}), 400
        out = {"data": result.data}
        if result.errors:
            out["errors"] = [format_error(e) for e in result.errors]
        return jsonify(out)

    return app
