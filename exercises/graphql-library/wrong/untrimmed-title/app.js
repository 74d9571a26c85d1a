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

const badInput = (message) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** The backend, for one GraphQL request: plain reads and writes, and a loader per batched read. */
function backend(base) {
  async function call(path, init) {
    const res = await fetch(base + path, init);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`the backend failed (${res.status})`);
    return res.json();
  }
  const query = (field, keys) => keys.map((k) => `${field}=${encodeURIComponent(k)}`).join('&');
  /** A loader of items by a field, one request per batch: each key gets the items whose field is that key. */
  const grouped = (collection, field) =>
    new DataLoader(async (keys) => {
      const items = await call(`/${collection}?${query(field, keys)}`);
      return keys.map((key) => items.filter((item) => String(item[field]) === String(key)));
    });
  return {
    get: (path) => call(path),
    post: (path, body) => call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    authors: grouped('authors', 'id'),
    booksByAuthor: grouped('books', 'authorId'),
    reviewsByBook: grouped('reviews', 'bookId'),
  };
}

class Author {
  constructor(row) {
    Object.assign(this, row);
  }
  async books(args, ctx) {
    return (await ctx.booksByAuthor.load(this.id)).map((b) => new Book(b));
  }
}

class Book {
  constructor(row) {
    Object.assign(this, row);
  }
  async author(args, ctx) {
    const [author] = await ctx.authors.load(this.authorId);
    return new Author(author);
  }
  reviews(args, ctx) {
    return ctx.reviewsByBook.load(this.id);
  }
  async averageStars(args, ctx) {
    const reviews = await ctx.reviewsByBook.load(this.id);
    if (reviews.length === 0) return null;
    return Math.round((reviews.reduce((sum, r) => sum + r.stars, 0) / reviews.length) * 100) / 100;
  }
}

const toId = (id) => (/^\d+$/.test(id) ? Number(id) : id);

const rootValue = {
  async book({ id }, ctx) {
    const row = await ctx.get(`/books/${encodeURIComponent(id)}`);
    return row && new Book(row);
  },
  async books({ year, first }, ctx) {
    if (first < 1 || first > 50) throw badInput('first must be between 1 and 50');
    const rows = await ctx.get(year === undefined || year === null ? '/books' : `/books?year=${year}`);
    return rows.slice(0, first).map((b) => new Book(b));
  },
  async author({ id }, ctx) {
    const [row] = await ctx.authors.load(toId(id));
    return row ? new Author(row) : null;
  },
  async addBook({ input }, ctx) {
    const { title, year, authorId } = input;
    if (title === '') throw badInput('title must not be empty');
    if (year < 1450 || year > 2100) throw badInput('year must be between 1450 and 2100');
    const [author] = await ctx.authors.load(toId(authorId));
    if (!author) throw badInput(`there is no author ${authorId}`);
    return new Book(await ctx.post('/books', { title, year, authorId: author.id }));
  },
  async addReview({ bookId, stars, text }, ctx) {
    if (stars < 1 || stars > 5) throw badInput('stars must be between 1 and 5');
    const book = await ctx.get(`/books/${encodeURIComponent(bookId)}`);
    if (!book) throw badInput(`there is no book ${bookId}`);
    return ctx.post('/reviews', { bookId: book.id, stars, text: text ?? null });
  },
};

function createApp() {
  const app = express();
  app.use(express.json());
  app.post('/graphql', async (req, res) => {
    const { query, variables } = req.body || {};
    const result = await graphql({ schema, source: query, rootValue, contextValue: backend(process.env.SOURCE_URL), variableValues: variables });
    res.json(result);
  });
  return app;
}

module.exports = { createApp };
