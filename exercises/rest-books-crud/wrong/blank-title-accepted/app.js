// Known wrong: refuses only the empty string, so a title or author of spaces is stored, where a blank one is a 400.
const express = require('express');

/** Why a book body is invalid, or undefined when it is valid. */
function problemWith(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  for (const field of ['title', 'author']) {
    if (typeof body[field] !== 'string' || body[field] === '') return `${field} must be a non-empty string`;
  }
  if (!Number.isInteger(body.year)) return 'year must be an integer';
  return undefined;
}

function createApp() {
  const app = express();
  app.use(express.json());

  const books = [];
  let lastId = 0;
  const find = (id) => books.find((book) => String(book.id) === id);

  app.get('/books', (req, res) => {
    const { author } = req.query;
    res.json(author === undefined ? books : books.filter((book) => book.author === author));
  });

  app.get('/books/:id', (req, res) => {
    const book = find(req.params.id);
    if (!book) return res.status(404).json({ error: `no book has id ${req.params.id}` });
    res.json(book);
  });

  app.post('/books', (req, res) => {
    const problem = problemWith(req.body);
    if (problem) return res.status(400).json({ error: problem });
    lastId += 1;
    const book = { id: lastId, title: req.body.title, author: req.body.author, year: req.body.year };
    books.push(book);
    res.status(201).location(`/books/${book.id}`).json(book);
  });

  app.delete('/books/:id', (req, res) => {
    const book = find(req.params.id);
    if (!book) return res.status(404).json({ error: `no book has id ${req.params.id}` });
    books.splice(books.indexOf(book), 1);
    res.status(204).end();
  });

  // Malformed JSON: express.json() fails before any route; answer 400 as JSON, as every error.
  app.use((err, req, res, next) => {
    if (err && err.type === 'entity.parse.failed') return res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
}

module.exports = { createApp };
