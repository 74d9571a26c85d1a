// The schema built from graphql-js's type objects (no SDL), resolvers on the types, and a
// hand-written batcher per request in place of DataLoader.
const express = require('express');
const {
  GraphQLSchema, GraphQLObjectType, GraphQLInputObjectType, GraphQLNonNull, GraphQLList, GraphQLID, GraphQLInt,
  GraphQLString, GraphQLFloat, GraphQLError, execute, parse, validate,
} = require('graphql');

const nn = (t) => new GraphQLNonNull(t);
const list = (t) => nn(new GraphQLList(nn(t)));
const bad = (message) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Collects the keys asked for in one tick and fetches them in one request. */
function batcher(fetchMany) {
  let pending = null;
  return (key) => {
    if (!pending) {
      pending = { keys: [], waiters: [] };
      const batch = pending;
      process.nextTick(async () => {
        pending = null;
        try {
          const byKey = await fetchMany([...new Set(batch.keys)]);
          batch.waiters.forEach(({ key: k, resolve }) => resolve(byKey.get(String(k)) || []));
        } catch (err) {
          batch.waiters.forEach(({ reject }) => reject(err));
        }
      });
    }
    return new Promise((resolve, reject) => {
      pending.keys.push(key);
      pending.waiters.push({ key, resolve, reject });
    });
  };
}

function makeContext(base) {
  const get = async (path) => {
    const res = await fetch(base + path);
    if (res.status === 404) return null;
    if (res.status >= 400) throw new Error('backend error ' + res.status);
    return res.json();
  };
  const post = async (path, body) => {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 400) throw new Error('backend error ' + res.status);
    return res.json();
  };
  const groupBy = (collection, field) =>
    batcher(async (keys) => {
      const rows = await get(`/${collection}?` + keys.map((k) => `${field}=${encodeURIComponent(k)}`).join('&'));
      const map = new Map();
      for (const row of rows) map.set(String(row[field]), [...(map.get(String(row[field])) || []), row]);
      return map;
    });
  return { get, post, authorsById: groupBy('authors', 'id'), booksOf: groupBy('books', 'authorId'), reviewsOf: groupBy('reviews', 'bookId') };
}

const Review = new GraphQLObjectType({ name: 'Review', fields: { id: { type: nn(GraphQLID) }, stars: { type: nn(GraphQLInt) }, text: { type: GraphQLString } } });

const Book = new GraphQLObjectType({
  name: 'Book',
  fields: () => ({
    id: { type: nn(GraphQLID) },
    title: { type: nn(GraphQLString) },
    year: { type: nn(GraphQLInt) },
    author: { type: nn(Author), resolve: async (book, _a, ctx) => (await ctx.authorsById(book.authorId))[0] },
    reviews: { type: list(Review), resolve: (book, _a, ctx) => ctx.reviewsOf(book.id) },
    averageStars: {
      type: GraphQLFloat,
      resolve: async (book, _a, ctx) => {
        const rs = await ctx.reviewsOf(book.id);
        return rs.length ? Number((rs.reduce((s, r) => s + r.stars, 0) / rs.length).toFixed(2)) : null;
      },
    },
  }),
});

const Author = new GraphQLObjectType({
  name: 'Author',
  fields: () => ({
    id: { type: nn(GraphQLID) },
    name: { type: nn(GraphQLString) },
    born: { type: GraphQLInt },
    books: { type: list(Book), resolve: (author, _a, ctx) => ctx.booksOf(author.id) },
  }),
});

const AddBookInput = new GraphQLInputObjectType({
  name: 'AddBookInput',
  fields: { title: { type: nn(GraphQLString) }, year: { type: nn(GraphQLInt) }, authorId: { type: nn(GraphQLID) } },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      book: { type: Book, args: { id: { type: nn(GraphQLID) } }, resolve: (_r, { id }, ctx) => ctx.get('/books/' + encodeURIComponent(id)) },
      books: {
        type: list(Book),
        args: { year: { type: GraphQLInt }, first: { type: GraphQLInt, defaultValue: 10 } },
        resolve: async (_r, { year, first }, ctx) => {
          if (!(first >= 1 && first <= 50)) throw bad('first must be from 1 to 50');
          const rows = await ctx.get(year == null ? '/books' : '/books?year=' + year);
          return rows.slice(0, first);
        },
      },
      author: { type: Author, args: { id: { type: nn(GraphQLID) } }, resolve: (_r, { id }, ctx) => ctx.get('/authors/' + encodeURIComponent(id)) },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      addBook: {
        type: nn(Book),
        args: { input: { type: nn(AddBookInput) } },
        resolve: async (_r, { input }, ctx) => {
          if (!input.title.trim()) throw bad('title is empty');
          if (input.year < 1450 || input.year > 2100) throw bad('year out of range');
          const author = await ctx.get('/authors/' + encodeURIComponent(input.authorId));
          if (!author) throw bad('unknown author');
          return ctx.post('/books', { title: input.title, year: input.year, authorId: author.id });
        },
      },
      addReview: {
        type: nn(Review),
        args: { bookId: { type: nn(GraphQLID) }, stars: { type: nn(GraphQLInt) }, text: { type: GraphQLString } },
        resolve: async (_r, { bookId, stars, text }, ctx) => {
          if (stars < 1 || stars > 5) throw bad('stars must be 1 to 5');
          const book = await ctx.get('/books/' + encodeURIComponent(bookId));
          if (!book) throw bad('unknown book');
          return ctx.post('/reviews', { bookId: book.id, stars, text: text === undefined ? null : text });
        },
      },
    },
  }),
});

module.exports.createApp = () => {
  const app = express();
  app.use(express.json());
  app.post('/graphql', (req, res) => {
    const { query, variables } = req.body || {};
    let document;
    try {
      document = parse(String(query));
    } catch (err) {
      return res.status(400).json({ errors: [{ message: err.message }] });
    }
    const errors = validate(schema, document);
    if (errors.length) return res.status(400).json({ errors: errors.map((e) => ({ message: e.message })) });
    Promise.resolve(execute({ schema, document, variableValues: variables, contextValue: makeContext(process.env.SOURCE_URL) })).then((result) => {
      if (!result.data && result.errors && result.errors.every((e) => !e.path)) return res.status(400).json(result);
      res.json(result);
    });
  });
  return app;
};
