const express = require('express');

function createApp() {
  const app = express();
  app.use(express.json());
  const products = [];

  app.post('/products', (req, res) => {
    const product = { id: products.length + 1, ...req.body };
    products.push(product);
    res.status(201).json(product);
  });

  // TODO: validation, GET /products/:id, and a filtered, paginated GET /products.
  app.get('/products', (req, res) => {
    res.json(products);
  });

  return app;
}

module.exports = { createApp };
