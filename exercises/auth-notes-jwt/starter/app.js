const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

function createApp() {
  const app = express();
  app.use(express.json());
  const db = new Database(process.env.DATABASE_PATH);
  db.exec('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL)');

  // TODO: POST /signup, POST /login (JWT signed with process.env.JWT_SECRET),
  // the /notes routes behind "Authorization: Bearer <token>", and the login attempt limit.

  return app;
}

module.exports = { createApp };
