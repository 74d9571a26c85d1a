const express = require('express');
function createApp() {
  const app = express();
  app.use(express.json());
  const books = [];
  let nextId = 1;
  app.get('/books', (req, res) => {
    const { author } = req.query;
    res.json(author ? books.filter((b) => b.author === author) : books);
  });
  function withId(req, res, next) {
    const id = Number(req.params.id);
    if (!Number.isInteger(id)) return res.status(404).json({ error: "book not found" });
    req.bookId = id;
    next();
  }
  app.get('/books/:id', withId, (req, res) => {
    const book = books.find((b) => b.id === req.bookId);
    if (!book) return res.status(404).json({ error: 'book not found' });
    res.json(book);
  });
  app.post('/books', (req, res) => {
    const b = req.body;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return res.status(400).json({ error: 'body must be an object' });
    if (typeof b.title !== 'string' || !b.title.trim()) return res.status(400).json({ error: 'title must be a non-empty string' });
    if (typeof b.author !== 'string' || !b.author.trim()) return res.status(400).json({ error: 'author must be a non-empty string' });
    if (!Number.isInteger(b.year)) return res.status(400).json({ error: 'year must be an integer' });
    const book = { id: nextId++, title: b.title, author: b.author, year: b.year };
    books.push(book);
    res.status(201).location(`/books/${book.id}`).json(book);
  });
  app.delete('/books/:id', withId, (req, res) => {
    const i = books.findIndex((b) => b.id === req.bookId);
    if (i < 0) return res.status(404).json({ error: 'book not found' });
    books.splice(i, 1);
    res.status(204).end();
  });
  app.use((err, req, res, next) => res.status(400).json({ error: 'invalid JSON' }));
  return app;
}
module.exports = { createApp };
