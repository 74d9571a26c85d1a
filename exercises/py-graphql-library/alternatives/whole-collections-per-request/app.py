"""Every collection read whole, at most once per GraphQL request, and filtered here: one backend
request per level of a nested query, no DataLoader."""
import json
import os
import urllib.error
import urllib.request

import graphene
from flask import Flask, jsonify, request
from graphql.error import GraphQLError
from graphql.language import ast


class ID(graphene.Scalar):
    class Meta:
        name = "ID"

    serialize = staticmethod(str)

    @staticmethod
    def parse_literal(node):
        return node.value if isinstance(node, (ast.StringValue, ast.IntValue)) else None

    @staticmethod
    def parse_value(value):
        if type(value) in (str, int):
            return str(value)
        return None


class Source:
    def __init__(self, base):
        self.base = base
        self.whole = {}

    def fetch(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method="GET" if body is None else "POST", headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=5) as res:
                return json.loads(res.read())
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise RuntimeError("backend answered {}".format(error.code))

    def collection(self, name):
        if name not in self.whole:
            self.whole[name] = self.fetch("/" + name)
        return self.whole[name]

    def where(self, name, field, value):
        return [row for row in self.collection(name) if str(row[field]) == str(value)]


def refuse(message):
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})


class Review(graphene.ObjectType):
    id = ID(required=True)
    stars = graphene.Int(required=True)
    text = graphene.String()


class Author(graphene.ObjectType):
    id = ID(required=True)
    name = graphene.String(required=True)
    born = graphene.Int()
    books = graphene.NonNull(graphene.List(graphene.NonNull(lambda: Book)))

    def resolve_books(author, info):
        return info.context.where("books", "authorId", author["id"])


class Book(graphene.ObjectType):
    id = ID(required=True)
    title = graphene.String(required=True)
    year = graphene.Int(required=True)
    author = graphene.NonNull(Author)
    reviews = graphene.NonNull(graphene.List(graphene.NonNull(Review)))
    average_stars = graphene.Float()

    def resolve_author(book, info):
        return info.context.where("authors", "id", book["authorId"])[0]

    def resolve_reviews(book, info):
        return info.context.where("reviews", "bookId", book["id"])

    def resolve_average_stars(book, info):
        stars = [review["stars"] for review in info.context.where("reviews", "bookId", book["id"])]
        return round(sum(stars) / len(stars), 2) if stars else None


class AddBookInput(graphene.InputObjectType):
    title = graphene.String(required=True)
    year = graphene.Int(required=True)
    author_id = ID(required=True)


class Query(graphene.ObjectType):
    book = graphene.Field(Book, id=ID(required=True))
    books = graphene.NonNull(graphene.List(graphene.NonNull(Book)), year=graphene.Int(), first=graphene.Int(default_value=10))
    author = graphene.Field(Author, id=ID(required=True))

    def resolve_book(_, info, id):
        return info.context.fetch("/books/" + urllib.parse.quote(id, safe=""))

    def resolve_books(_, info, first=10, year=None):
        if not 1 <= first <= 50:
            raise refuse("first: from 1 to 50")
        books = info.context.fetch("/books" if year is None else "/books?year={}".format(year))
        return books[:first]

    def resolve_author(_, info, id):
        found = info.context.where("authors", "id", id)
        return found[0] if found else None


class Mutation(graphene.ObjectType):
    add_book = graphene.NonNull(Book, input=AddBookInput(required=True))
    add_review = graphene.NonNull(Review, book_id=ID(required=True), stars=graphene.Int(required=True), text=graphene.String())

    def resolve_add_book(_, info, input):
        if not input.title.strip():
            raise refuse("a title is needed")
        if not 1450 <= input.year <= 2100:
            raise refuse("the year must be from 1450 to 2100")
        authors = info.context.where("authors", "id", input.author_id)
        if not authors:
            raise refuse("unknown author")
        return info.context.fetch("/books", {"title": input.title, "year": input.year, "authorId": authors[0]["id"]})

    def resolve_add_review(_, info, book_id, stars, text=None):
        if not 1 <= stars <= 5:
            raise refuse("stars: from 1 to 5")
        book = info.context.fetch("/books/" + urllib.parse.quote(book_id, safe=""))
        if book is None:
            raise refuse("unknown book")
        return info.context.fetch("/reviews", {"bookId": book["id"], "stars": stars, "text": text})


schema = graphene.Schema(query=Query, mutation=Mutation)
app = Flask(__name__)


@app.route("/graphql", methods=["POST"])
def graphql_endpoint():
    payload = request.get_json(force=True, silent=True) or {}
    result = schema.execute(payload.get("query"), variable_values=payload.get("variables"), context_value=Source(os.environ["SOURCE_URL"]))
    return jsonify(result.to_dict())
