const crypto = require('node:crypto');

function sha256(text) {
  return crypto.createHash('sha256').update(String(text)).digest('hex');
}

// Parameters everywhere, but the role is compared with LIKE: a role of % (or c%) lists users of every role.

function findUser(db, username, password) {
  return db.prepare('SELECT id, username, role FROM users WHERE username = ? AND password_hash = ?').get(String(username), sha256(password)) ?? null;
}

function usersWithRole(db, role) {
  return db.prepare('SELECT id, username FROM users WHERE role LIKE ? ORDER BY id').all(String(role));
}

function changeEmail(db, userId, email) {
  return db.prepare('UPDATE users SET email = ? WHERE id = ?').run(String(email), userId).changes;
}

module.exports = { findUser, usersWithRole, changeEmail };
