const express = require('express');

/**
 * Builds the books API. The grader calls createApp() once per test and serves the app
 * itself: do not call app.listen().
 */
function createApp() {
  const app = express();
  app.use(express.json());

  const books = [];

  app.get('/books', (req, res) => {
    res.json(books);
  });

  // TODO: GET /books?author=..., GET /books/:id, POST /books, DELETE /books/:id

  return app;
}

module.exports = { createApp };
