// buildSchema + rootValue whose objects are class instances (methods are field resolvers).
const express = require('express');
const DataLoader = require('dataloader');
const { buildSchema, graphql, GraphQLError } = require('graphql');

const schema = buildSchema(`
  type Query {
    book(id: ID!): Book
    books(year: Int, first: Int = 10): [Book!]!
    author(id: ID!): Author
  }
  type Mutation {
    addBook(input: AddBookInput!): Book!
    addReview(bookId: ID!, stars: Int!, text: String): Review!
  }
  input AddBookInput { title: String!, year: Int!, authorId: ID! }
  type Author { id: ID!, name: String!, born: Int, books: [Book!]! }
  type Book { id: ID!, title: String!, year: Int!, author: Author!, reviews: [Review!]!, averageStars: Float }
  type Review { id: ID!, stars: Int!, text: String }
`);

function badInput(message) {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

class Backend {
  constructor(base) { this.base = base; }
  async request(path, options) {
    const res = await fetch(this.base + path, options);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`backend answered ${res.status} to ${path}`);
    return res.json();
  }
  get(path) { return this.request(path); }
  post(path, body) {
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }
}

function groupBy(rows, key, keys) {
  const map = new Map(keys.map((k) => [String(k), []]));
  for (const row of rows) {
    const list = map.get(String(row[key]));
    if (list) list.push(row);
  }
  return keys.map((k) => map.get(String(k)));
}

class Context {
  constructor(backend) {
    this.backend = backend;
    this.authors = new DataLoader(async (ids) => {
      const rows = await backend.get('/authors?' + ids.map((id) => 'id=' + encodeURIComponent(id)).join('&'));
      const byId = new Map(rows.map((a) => [String(a.id), a]));
      return ids.map((id) => byId.get(String(id)) || null);
    });
    this.booksByAuthor = new DataLoader(async (ids) => {
      const rows = await backend.get('/books?' + ids.map((id) => 'authorId=' + encodeURIComponent(id)).join('&'));
      return groupBy(rows, 'authorId', ids);
    });
    this.reviewsByBook = new DataLoader(async (ids) => {
      const rows = await backend.get('/reviews?' + ids.map((id) => 'bookId=' + encodeURIComponent(id)).join('&'));
      return groupBy(rows, 'bookId', ids);
    });
  }
}

class Review {
  constructor(row) { Object.assign(this, row); }
}

class Author {
  constructor(row, ctx) { Object.assign(this, row); this.ctx = ctx; }
  async books() {
    const rows = await this.ctx.backend.get('/books?authorId=' + encodeURIComponent(this.id));
    return rows.map((b) => new Book(b, this.ctx));
  }
}

class Book {
  constructor(row, ctx) { Object.assign(this, row); this.ctx = ctx; }
  async author() {
    const a = await this.ctx.authors.load(String(this.authorId));
    if (!a) throw new Error(`author ${this.authorId} of book ${this.id} not found`);
    return new Author(a, this.ctx);
  }
  async reviews() {
    const rows = await this.ctx.reviewsByBook.load(String(this.id));
    return rows.map((r) => new Review(r));
  }
  async averageStars() {
    const rows = await this.ctx.reviewsByBook.load(String(this.id));
    if (rows.length === 0) return null;
    const mean = rows.reduce((s, r) => s + r.stars, 0) / rows.length;
    return Math.round(mean * 100) / 100;
  }
}

class Root {
  constructor(ctx) { this.ctx = ctx; }
  async book({ id }) {
    const b = await this.ctx.backend.get('/books/' + encodeURIComponent(id));
    return b && new Book(b, this.ctx);
  }
  async author({ id }) {
    const a = await this.ctx.backend.get('/authors/' + encodeURIComponent(id));
    return a && new Author(a, this.ctx);
  }
  async books({ year, first }) {
    if (first < 1 || first > 50) throw new GraphQLError('first must be between 1 and 50', { extensions: { code: 'BAD_USER_INPUT' } });
    const rows = await this.ctx.backend.get(year == null ? '/books' : '/books?year=' + year);
    return rows.slice(0, first).map((b) => new Book(b, this.ctx));
  }
  async addBook({ input }) {
    const { title, year, authorId } = input;
    if (title.trim() === '') throw badInput('title must not be empty');
    if (year < 1450 || year > 2100) throw badInput('year must be between 1450 and 2100');
    const author = await this.ctx.backend.get('/authors/' + encodeURIComponent(authorId));
    if (!author) throw badInput(`no author ${authorId}`);
    const created = await this.ctx.backend.post('/books', { title, year, authorId: author.id });
    return new Book(created, this.ctx);
  }
  async addReview({ bookId, stars, text }) {
    if (stars < 1 || stars > 5) throw badInput('stars must be between 1 and 5');
    const book = await this.ctx.backend.get('/books/' + encodeURIComponent(bookId));
    if (!book) throw badInput(`no book ${bookId}`);
    const created = await this.ctx.backend.post('/reviews', { bookId: book.id, stars, text: text ?? null });
    return new Review(created);
  }
}

function createApp() {
  const source = process.env.SOURCE_URL;
  const app = express();
  app.use(express.json());

  app.post('/graphql', async (req, res) => {
    const { query, variables } = req.body || {};
    const ctx = new Context(new Backend(source));
    const result = await graphql({ schema, source: query, rootValue: new Root(ctx), variableValues: variables });
    res.json(result);
  });
  return app;
}

module.exports = { createApp };
