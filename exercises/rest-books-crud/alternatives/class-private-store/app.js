'use strict';
const express = require('express');

class ValidationError extends Error {}

class BookStore {
  #books = new Map();
  #nextId = 1;
  all() { return [...this.#books.values()]; }
  byAuthor(name) { return this.all().filter((b) => b.author === name); }
  get(id) { return this.#books.get(id); }
  add({ title, author, year }) {
    const book = { id: this.#nextId++, title, author, year };
    this.#books.set(book.id, book);
    return book;
  }
  remove(id) { return this.#books.delete(id); }
}

function parseBook(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError('malformed request: the body must be a JSON object');
  }
  for (const field of ['title', 'author']) {
    if (typeof body[field] !== 'string' || body[field].trim().length === 0) {
      throw new ValidationError(`${field} must be a non-empty string`);
    }
  }
  if (!Number.isInteger(body.year)) throw new ValidationError('year must be an integer');
  return { title: body.title, author: body.author, year: body.year };
}

function idFrom(param) {
  return /^[1-9][0-9]{0,14}$/.test(param) ? Number(param) : null;
}

function createApp() {
  const app = express();
  const store = new BookStore();
  const router = express.Router();

  router.get('/', (req, res) => {
    const { author } = req.query;
    res.json(typeof author === 'string' ? store.byAuthor(author) : store.all());
  });
  router.get('/:id', (req, res) => {
    const id = idFrom(req.params.id);
    const book = id === null ? undefined : store.get(id);
    if (!book) return res.status(404).json({ error: `no book near id ${req.params.id}` });
    res.json(book);
  });
  router.post('/', (req, res) => {
    try {
      const book = store.add(parseBook(req.body));
      res.status(201).location(`/books/${book.id}`).json(book);
    } catch (e) {
      if (e instanceof ValidationError) return res.status(400).json({ error: e.message });
      throw e;
    }
  });
  router.delete('/:id', (req, res) => {
    const id = idFrom(req.params.id);
    if (id === null || !store.remove(id)) return res.status(404).json({ error: 'book not found' });
    res.status(204).end();
  });

  app.use(express.json({ strict: false }));
  app.use('/books', router);
  // Malformed JSON from the body parser: a 400 with a JSON error, never Express's HTML page.
  app.use((err, req, res, next) => {
    if (err && (err.type === 'entity.parse.failed' || err instanceof SyntaxError)) {
      return res.status(400).json({ error: 'SQL-like syntax error near position ' + (err.message || '') });
    }
    if (err && err.status && err.status < 500) return res.status(err.status).json({ error: err.message });
    next(err);
  });
  return app;
}

module.exports = { createApp };
