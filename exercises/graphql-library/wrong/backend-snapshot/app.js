// HOSTILE: mirrors the whole backend once per app (GET /books, GET /authors, GET /reviews?bookId=<all>)
// and answers every later read from that module-level copy: 0 backend requests per query, stale forever.
const express = require('express');
const { buildSchema, graphql, GraphQLError } = require('graphql');

const schema = buildSchema(`
  type Query { book(id: ID!): Book  books(year: Int, first: Int = 10): [Book!]!  author(id: ID!): Author }
  type Mutation { addBook(input: AddBookInput!): Book!  addReview(bookId: ID!, stars: Int!, text: String): Review! }
  input AddBookInput { title: String!, year: Int!, authorId: ID! }
  type Author { id: ID!, name: String!, born: Int, books: [Book!]! }
  type Book { id: ID!, title: String!, year: Int!, author: Author!, reviews: [Review!]!, averageStars: Float }
  type Review { id: ID!, stars: Int!, text: String }
`);

const bad = (m) => new GraphQLError(m, { extensions: { code: 'BAD_USER_INPUT' } });

function createApp() {
  const src = process.env.SOURCE_URL;
  let snapshot = null;
  async function json(path, init) {
    const r = await fetch(src + path, init);
    if (!r.ok) throw new Error('backend ' + r.status);
    return r.json();
  }
  function data() {
    if (!snapshot) {
      snapshot = (async () => {
        const [books, authors] = await Promise.all([json('/books'), json('/authors')]);
        const reviews = books.length ? await json('/reviews?' + books.map((b) => 'bookId=' + b.id).join('&')) : [];
        return { books, authors, reviews };
      })();
      snapshot.catch(() => (snapshot = null));
    }
    return snapshot;
  }
  const same = (a, b) => String(a) === String(b);
  const Book = (db, b) => ({
    ...b,
    author: () => Author(db, db.authors.find((a) => same(a.id, b.authorId))),
    reviews: () => db.reviews.filter((r) => same(r.bookId, b.id)).sort((x, y) => x.id - y.id),
    averageStars: () => {
      const rs = db.reviews.filter((r) => same(r.bookId, b.id));
      return rs.length ? Math.round((rs.reduce((s, r) => s + r.stars, 0) / rs.length) * 100) / 100 : null;
    },
  });
  const Author = (db, a) => a && { ...a, books: () => db.books.filter((b) => same(b.authorId, a.id)).map((b) => Book(db, b)) };
  const root = {
    book: async ({ id }) => { const db = await data(); const b = db.books.find((x) => same(x.id, id)); return b ? Book(db, b) : null; },
    author: async ({ id }) => { const db = await data(); return Author(db, db.authors.find((x) => same(x.id, id))); },
    books: async ({ year, first }) => {
      if (first < 1 || first > 50) throw bad('first must be between 1 and 50');
      const db = await data();
      return db.books.filter((b) => year == null || b.year === year).slice(0, first).map((b) => Book(db, b));
    },
    addBook: async ({ input }) => {
      const db = await data();
      if (!input.title.trim()) throw bad('empty title');
      if (input.year < 1450 || input.year > 2100) throw bad('bad year');
      const author = db.authors.find((a) => same(a.id, input.authorId));
      if (!author) throw bad('unknown author');
      const b = await json('/books', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: input.title, year: input.year, authorId: author.id }) });
      db.books.push(b);
      return Book(db, b);
    },
    addReview: async ({ bookId, stars, text }) => {
      const db = await data();
      if (stars < 1 || stars > 5) throw bad('bad stars');
      const book = db.books.find((b) => same(b.id, bookId));
      if (!book) throw bad('unknown book');
      const r = await json('/reviews', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ bookId: book.id, stars, text: text ?? null }) });
      db.reviews.push(r);
      return r;
    },
  };
  const app = express();
  app.use(express.json());
  app.post('/graphql', async (req, res) => {
    const { query, variables } = req.body || {};
    res.json(await graphql({ schema, source: query, rootValue: root, variableValues: variables }));
  });
  return app;
}
module.exports = { createApp };
