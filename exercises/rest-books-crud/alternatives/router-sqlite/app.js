// An alternative correct solution: an express.Router, SQLite in memory, zod for validation.
const express = require('express');
const Database = require('better-sqlite3');
const { z } = require('zod');

const NewBook = z.object({
  title: z.string().regex(/\S/),
  author: z.string().regex(/\S/),
  year: z.number().int(),
});

function booksRouter(db) {
  const router = express.Router();
  const all = db.prepare('SELECT id, title, author, year FROM books ORDER BY id');
  const byAuthor = db.prepare('SELECT id, title, author, year FROM books WHERE author = ? ORDER BY id');
  const one = db.prepare('SELECT id, title, author, year FROM books WHERE id = ?');
  const insert = db.prepare('INSERT INTO books (title, author, year) VALUES (@title, @author, @year)');
  const remove = db.prepare('DELETE FROM books WHERE id = ?');
  const idOf = (text) => (/^\d+$/.test(text) ? Number(text) : -1);
  const notFound = (res, id) => res.status(404).json({ error: `book ${id} not found` });

  router.get('/', (req, res) => {
    const { author } = req.query;
    res.json(typeof author === 'string' ? byAuthor.all(author) : all.all());
  });

  router.get('/:id', (req, res) => {
    const book = one.get(idOf(req.params.id));
    return book ? res.json(book) : notFound(res, req.params.id);
  });

  router.post('/', (req, res) => {
    const parsed = NewBook.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return res.status(400).json({ error: `${issue.path.join('.') || 'body'}: ${issue.message}` });
    }
    const { lastInsertRowid } = insert.run(parsed.data);
    res.status(201).location(`/books/${lastInsertRowid}`).json(one.get(lastInsertRowid));
  });

  router.delete('/:id', (req, res) => {
    const { changes } = remove.run(idOf(req.params.id));
    return changes === 1 ? res.sendStatus(204) : notFound(res, req.params.id);
  });

  return router;
}

exports.createApp = () => {
  const db = new Database(':memory:');
  // AUTOINCREMENT: an id is never given again, even after its book is deleted.
  db.exec('CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, author TEXT NOT NULL, year INTEGER NOT NULL)');
  const app = express();
  app.use(express.json());
  app.use('/books', booksRouter(db));
  // Malformed JSON: express.json() fails before any route; answer 400 as JSON, as every error.
  app.use((err, req, res, next) => {
    if (err && err.type === 'entity.parse.failed') return res.status(400).json({ error: 'the body is not valid JSON' });
    next(err);
  });
  return app;
};
