// An alternative correct solution (held-out test): an array, checks written by hand.
const express = require('express');

function createApp() {
  const app = express();
  app.use(express.json());

  const books = [];
  let nextId = 1;

  const findIndex = (raw) => {
    if (!/^[0-9]+$/.test(raw)) return -1;
    const id = Number(raw);
    return books.findIndex((b) => b.id === id);
  };

  function validate(body) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object';
    if (typeof body.title !== 'string' || body.title.trim().length === 0) return 'title must be a non-empty string';
    if (typeof body.author !== 'string' || body.author.trim().length === 0) return 'author must be a non-empty string';
    if (typeof body.year !== 'number' || !Number.isInteger(body.year)) return 'year must be an integer';
    return null;
  }

  app.get('/books', (req, res) => {
    const { author } = req.query;
    if (author === undefined) return res.json(books);
    res.json(books.filter((b) => b.author === author));
  });

  app.get('/books/:id', (req, res) => {
    const i = findIndex(req.params.id);
    if (i < 0) return res.status(404).json({ error: 'book not found' });
    res.json(books[i]);
  });

  app.post('/books', (req, res) => {
    const problem = validate(req.body);
    if (problem) return res.status(400).json({ error: problem });
    const book = { id: nextId++, title: req.body.title, author: req.body.author, year: req.body.year };
    books.push(book);
    res.status(201).location(`/books/${book.id}`).json(book);
  });

  app.delete('/books/:id', (req, res) => {
    const i = findIndex(req.params.id);
    if (i < 0) return res.status(404).json({ error: 'book not found' });
    books.splice(i, 1);
    res.status(204).end();
  });

  app.use((req, res) => res.status(404).json({ error: 'no such route' }));
  // malformed JSON and other body errors
  app.use((err, req, res, next) => {
    const status = err.status ?? err.statusCode ?? 500;
    res.status(status).json({ error: status === 400 ? 'the body is not valid JSON' : 'internal error' });
  });

  return app;
}

module.exports = { createApp };
