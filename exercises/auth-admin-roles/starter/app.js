const express = require('express');
const Database = require('better-sqlite3');
const jwt = require('jsonwebtoken');
const bcrypt = require('bcryptjs');

function createApp() {
  const app = express();
  app.use(express.json());
  const db = new Database(process.env.DATABASE_PATH);
  db.exec("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL, password_hash TEXT NOT NULL)");

  // TODO: POST /signup (the first account is an admin), POST /login (a JWT signed with
  // process.env.JWT_SECRET), GET /me, and the admins' routes behind "Authorization: Bearer <token>".

  return app;
}

module.exports = { createApp };
