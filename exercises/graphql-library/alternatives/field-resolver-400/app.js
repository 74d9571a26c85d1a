// buildSchema + a resolver map applied through a custom fieldResolver; parse/validate/execute;
// loaders made by a middleware; .then chains; an Error subclass carrying extensions; 400 for invalid documents.
const express = require('express');
const DataLoader = require('dataloader');
const { buildSchema, parse, validate, execute, defaultFieldResolver, GraphQLError } = require('graphql');

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

class UserInputError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UserInputError';
    this.extensions = { code: 'BAD_USER_INPUT' };
  }
}

function backendGet(url) {
  return fetch(url).then((res) => {
    if (res.status === 404) return null;
    if (!res.ok) throw new Error('backend error ' + res.status);
    return res.json();
  });
}

function backendPost(url, body) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((res) => {
    if (res.status !== 201 && !res.ok) throw new Error('backend error ' + res.status);
    return res.json();
  });
}

function qs(name, values) {
  const p = new URLSearchParams();
  values.forEach((v) => p.append(name, v));
  return p.toString();
}

const resolvers = {
  Query: {
    book: (_, { id }, { base }) => backendGet(`${base}/books/${encodeURIComponent(id)}`),
    author: (_, { id }, { base }) => backendGet(`${base}/authors/${encodeURIComponent(id)}`),
    books: (_, { year, first }, { base }) => {
      if (!(first >= 1 && first <= 50)) return Promise.reject(new UserInputError('"first" must be from 1 to 50'));
      const url = year === undefined || year === null ? `${base}/books` : `${base}/books?year=${year}`;
      return backendGet(url).then((books) => books.slice(0, first));
    },
  },
  Mutation: {
    addBook: (_, { input }, { base }) => {
      if (!input.title.trim()) return Promise.reject(new UserInputError('the title is empty'));
      if (input.year < 1450 || input.year > 2100) return Promise.reject(new UserInputError('the year must be in 1450..2100'));
      return backendGet(`${base}/authors/${encodeURIComponent(input.authorId)}`).then((author) => {
        if (!author) throw new UserInputError('unknown author ' + input.authorId);
        return backendPost(`${base}/books`, { title: input.title, year: input.year, authorId: author.id });
      });
    },
    addReview: (_, { bookId, stars, text }, { base }) => {
      if (stars < 1 || stars > 5) return Promise.reject(new UserInputError('stars must be in 1..5'));
      return backendGet(`${base}/books/${encodeURIComponent(bookId)}`).then((book) => {
        if (!book) throw new UserInputError('unknown book ' + bookId);
        return backendPost(`${base}/reviews`, { bookId: book.id, stars, text: text === undefined ? null : text });
      });
    },
  },
  Author: {
    books: (author, _, { loaders }) => loaders.booksOfAuthor.load(author.id),
  },
  Book: {
    author: (book, _, { loaders }) => loaders.author.load(book.authorId),
    reviews: (book, _, { loaders }) => loaders.reviewsOfBook.load(book.id),
    averageStars: (book, _, { loaders }) =>
      loaders.reviewsOfBook.load(book.id).then((reviews) => {
        if (!reviews.length) return null;
        const total = reviews.reduce((s, r) => s + r.stars, 0);
        return Math.round((total / reviews.length) * 100) / 100;
      }),
  },
};

function fieldResolver(source, args, context, info) {
  const typeResolvers = resolvers[info.parentType.name];
  if (typeResolvers && typeResolvers[info.fieldName]) return typeResolvers[info.fieldName](source, args, context, info);
  return defaultFieldResolver(source, args, context, info);
}

function makeLoaders(base) {
  return {
    author: new DataLoader((ids) =>
      backendGet(`${base}/authors?${qs('id', ids)}`).then((authors) =>
        ids.map((id) => authors.find((a) => String(a.id) === String(id)) || new Error('no author ' + id)),
      ),
    ),
    booksOfAuthor: new DataLoader((ids) =>
      backendGet(`${base}/books?${qs('authorId', ids)}`).then((books) => ids.map((id) => books.filter((b) => String(b.authorId) === String(id)))),
    ),
    reviewsOfBook: new DataLoader((ids) =>
      backendGet(`${base}/reviews?${qs('bookId', ids)}`).then((reviews) => ids.map((id) => reviews.filter((r) => String(r.bookId) === String(id)))),
    ),
  };
}

function createApp() {
  const base = process.env.SOURCE_URL;
  const app = express();
  app.use(express.json());
  app.use('/graphql', (req, res, next) => {
    req.loaders = makeLoaders(base);
    next();
  });

  app.post('/graphql', (req, res) => {
    const { query, variables } = req.body || {};
    let document;
    try {
      document = parse(query);
    } catch (err) {
      return res.status(400).json({ errors: [err instanceof GraphQLError ? err : new GraphQLError(String(err.message))] });
    }
    const validationErrors = validate(schema, document);
    if (validationErrors.length) return res.status(400).json({ errors: validationErrors });
    Promise.resolve(execute({ schema, document, variableValues: variables, contextValue: { base, loaders: req.loaders }, fieldResolver }))
      .then((result) => res.json(result))
      .catch((err) => res.status(500).json({ errors: [{ message: err.message }] }));
  });
  return app;
}

module.exports = { createApp };
