// An alternative: the books kept at the module's top level (a new process per test starts them
// afresh), validation as a table of rules, routes chained with app.route().
const express = require('express');

const books = new Map();
const counter = { next: 1 };

const RULES = [
  [(b) => typeof b === 'object' && b !== null && !Array.isArray(b), 'the body must be a JSON object'],
  [(b) => typeof b.title === 'string' && b.title.trim().length > 0, 'title must be a non-empty string'],
  [(b) => typeof b.author === 'string' && b.author.trim().length > 0, 'author must be a non-empty string'],
  [(b) => Number.isInteger(b.year), 'year must be an integer'],
];

const broken = (body) => RULES.find(([holds]) => !holds(body));

function createApp() {
  const app = express();
  app.use(express.json());

  const lookUp = (req, res, next) => {
    const book = books.get(req.params.id);
    if (book === undefined) return res.status(404).json({ error: `there is no book ${req.params.id}` });
    req.book = book;
    next();
  };

  app
    .route('/books')
    .get((req, res) => {
      const wanted = req.query.author;
      res.json([...books.values()].filter((book) => wanted === undefined || book.author === wanted));
    })
    .post((req, res) => {
      const rule = broken(req.body);
      if (rule) return res.status(400).json({ error: rule[1] });
      const { title, author, year } = req.body;
      const book = { id: counter.next++, title, author, year };
      books.set(String(book.id), book);
      res.status(201).set('Location', `/books/${book.id}`).json(book);
    });

  app
    .route('/books/:id')
    .get(lookUp, (req, res) => res.json(req.book))
    .delete(lookUp, (req, res) => {
      books.delete(String(req.book.id));
      res.sendStatus(204);
    });

  // Malformed JSON: express.json() fails before any route; answer 400 as JSON, as every error.
  app.use((err, req, res, next) => {
    if (err && err.type === 'entity.parse.failed') return res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
}

module.exports = { createApp };
