const crypto = require('node:crypto');

function sha256(text) {
  return crypto.createHash('sha256').update(String(text)).digest('hex');
}

// Every input travels as a parameter (?): it is a value, never part of the SQL text.

function findUser(db, username, password) {
  const row = db
    .prepare('SELECT id, username, role FROM users WHERE username = ? AND password_hash = ?')
    .get(String(username), sha256(password));
  return row ?? null;
}

function usersWithRole(db, role) {
  return db.prepare('SELECT id, username FROM users WHERE role = ? ORDER BY username').all(String(role));
}

function changeEmail(db, userId, email) {
  return db.prepare('UPDATE users SET email = ? WHERE id = ?').run(String(email), userId).changes;
}

module.exports = { findUser, usersWithRole, changeEmail };
