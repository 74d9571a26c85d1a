// An alternative correct solution (held-out test): SQLite in memory, zod, an express.Router.
'use strict';
const express = require('express');
const Database = require('better-sqlite3');
const { z } = require('zod');

const BookInput = z.object({
  title: z.string().regex(/\S/),
  author: z.string().regex(/\S/),
  year: z.number().int(),
});

function createApp() {
  const db = new Database(':memory:');
  // AUTOINCREMENT: a deleted id is never handed out again
  db.exec(`CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL,
                               author TEXT NOT NULL, year INTEGER NOT NULL)`);
  const q = {
    all: db.prepare('SELECT id, title, author, year FROM books ORDER BY id'),
    byAuthor: db.prepare('SELECT id, title, author, year FROM books WHERE author = ? ORDER BY id'),
    one: db.prepare('SELECT id, title, author, year FROM books WHERE id = ?'),
    insert: db.prepare('INSERT INTO books (title, author, year) VALUES (@title, @author, @year)'),
    remove: db.prepare('DELETE FROM books WHERE id = ?'),
  };

  const idOf = (s) => (/^\d{1,15}$/.test(s) ? Number(s) : null);

  const router = express.Router();

  router.get('/', (req, res) => {
    const author = req.query.author;
    if (typeof author === 'string') return res.status(200).send(q.byAuthor.all(author));
    return res.status(200).send(q.all.all());
  });

  router.get('/:id', (req, res) => {
    const id = idOf(req.params.id);
    const book = id === null ? undefined : q.one.get(id);
    if (!book) return res.status(404).send({ error: `malformed or unknown book id: ${req.params.id}` });
    res.send(book);
  });

  router.post('/', (req, res) => {
    const parsed = BookInput.safeParse(req.body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length ? first.path.join('.') : 'body';
      return res.status(400).send({ error: `syntax error near ${where}: ${first ? first.message : 'invalid'}` });
    }
    const info = q.insert.run(parsed.data);
    const book = q.one.get(Number(info.lastInsertRowid));
    res.set('Location', '/books/' + book.id).status(201).send(book);
  });

  router.delete('/:id', (req, res) => {
    const id = idOf(req.params.id);
    if (id === null || q.remove.run(id).changes === 0) {
      return res.status(404).send({ error: 'no book with this id' });
    }
    res.sendStatus(204);
  });

  const app = express();
  app.use(express.json({ strict: false }));
  app.use('/books', router);
  app.use((err, req, res, _next) => {
    res.status(err.status || 500).send({ error: 'malformed JSON body' });
  });
  return app;
}

module.exports = { createApp };
