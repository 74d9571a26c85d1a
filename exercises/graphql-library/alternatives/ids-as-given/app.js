// Posts authorId / bookId exactly as the client gave them (GraphQL IDs are strings), sorts defensively by id,
// Error subclass with extensions, graphql() with rootValue + contextValue.
const express = require('express');
const DataLoader = require('dataloader');
const { buildSchema, graphql } = require('graphql');

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

class BadUserInput extends Error {
  constructor(message, field) {
    super(message);
    this.extensions = { code: 'BAD_USER_INPUT', field };
  }
}

const byId = (a, b) => Number(a.id) - Number(b.id);

function client(base) {
  async function call(method, path, body) {
    const res = await fetch(`${base}${path}`, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status === 404 && method === 'GET') return null;
    if (!res.ok) throw new Error(`${method} ${path}: backend answered ${res.status}`);
    return res.json();
  }
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}

function makeLoaders(api) {
  const list = (param, keys) => keys.map((k) => `${param}=${encodeURIComponent(k)}`).join('&');
  return {
    author: new DataLoader(async (keys) => {
      const rows = await api.get(`/authors?${list('id', keys)}`);
      return keys.map((k) => rows.find((r) => String(r.id) === String(k)) ?? new Error(`author ${k} not found`));
    }, { cacheKeyFn: (k) => String(k) }),
    booksOf: new DataLoader(async (keys) => {
      const rows = await api.get(`/books?${list('authorId', keys)}`);
      return keys.map((k) => rows.filter((r) => String(r.authorId) === String(k)).sort(byId));
    }, { cacheKeyFn: (k) => String(k) }),
    reviewsOf: new DataLoader(async (keys) => {
      const rows = await api.get(`/reviews?${list('bookId', keys)}`);
      return keys.map((k) => rows.filter((r) => String(r.bookId) === String(k)).sort(byId));
    }, { cacheKeyFn: (k) => String(k) }),
  };
}

const root = {
  book: ({ id }, { api }) => api.get(`/books/${encodeURIComponent(id)}`),
  author: ({ id }, { api }) => api.get(`/authors/${encodeURIComponent(id)}`),
  books: async ({ year, first }, { api }) => {
    if (first < 1 || first > 50) throw new BadUserInput('first must be between 1 and 50', 'first');
    const rows = await api.get(year == null ? '/books' : `/books?year=${year}`);
    return rows.sort(byId).slice(0, first);
  },
  addBook: async ({ input }, { api }) => {
    if (input.title.trim() === '') throw new BadUserInput('title is blank', 'title');
    if (input.year < 1450 || input.year > 2100) throw new BadUserInput('year out of range', 'year');
    if (!(await api.get(`/authors/${encodeURIComponent(input.authorId)}`))) throw new BadUserInput('unknown author', 'authorId');
    return api.post('/books', { title: input.title, year: input.year, authorId: input.authorId });
  },
  addReview: async ({ bookId, stars, text }, { api }) => {
    if (stars < 1 || stars > 5) throw new BadUserInput('stars out of range', 'stars');
    if (!(await api.get(`/books/${encodeURIComponent(bookId)}`))) throw new BadUserInput('unknown book', 'bookId');
    return api.post('/reviews', { bookId, stars, text: text ?? null });
  },
};

// Type-level resolvers via a fieldResolver that looks for Type.field first.
const typeResolvers = {
  Book: {
    author: (b, _a, { loaders }) => loaders.author.load(b.authorId),
    reviews: (b, _a, { loaders }) => loaders.reviewsOf.load(b.id),
    averageStars: async (b, _a, { loaders }) => {
      const rs = await loaders.reviewsOf.load(b.id);
      return rs.length ? Math.round((rs.reduce((n, r) => n + r.stars, 0) / rs.length) * 100) / 100 : null;
    },
  },
  Author: {
    books: (a, _a, { loaders }) => loaders.booksOf.load(a.id),
  },
};

function fieldResolver(source, args, context, info) {
  const own = typeResolvers[info.parentType.name]?.[info.fieldName];
  if (own) return own(source, args, context, info);
  const value = source[info.fieldName];
  return typeof value === 'function' ? value(args, context, info) : value;
}

function createApp() {
  const app = express();
  app.use(express.json());
  app.post('/graphql', async (req, res) => {
    const api = client(process.env.SOURCE_URL);
    const { query, variables } = req.body ?? {};
    res.json(await graphql({ schema, source: query, rootValue: root, contextValue: { api, loaders: makeLoaders(api) }, variableValues: variables, fieldResolver }));
  });
  return app;
}

module.exports = { createApp };
