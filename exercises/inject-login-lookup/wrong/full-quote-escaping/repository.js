// From a held-out test (written without seeing the tests). Every value in quotes with ' doubled (a complete escape for SQLite text), pasted into the SQL text: the statement asks for bound parameters, and the taint check sees the input in the SQL.
const crypto = require('node:crypto');

function sha256(text) {
  return crypto.createHash('sha256').update(String(text)).digest('hex');
}
// SQLite string literal: the only special character is ', escaped by doubling it.
const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

function findUser(db, username, password) {
  return db.prepare(`SELECT id, username, role FROM users WHERE username = ${lit(username)} AND password_hash = ${lit(sha256(password))}`).get() ?? null;
}

function usersWithRole(db, role) {
  return db.prepare(`SELECT id, username FROM users WHERE role = ${lit(role)} ORDER BY id`).all();
}

function changeEmail(db, userId, email) {
  return db.prepare(`UPDATE users SET email = ${lit(email)} WHERE id = ${lit(userId)}`).run().changes;
}

module.exports = { findUser, usersWithRole, changeEmail };
