// From a held-out test (written without seeing the tests). Positional ? placeholders everywhere; run().changes for the count.
const crypto = require('node:crypto');

function sha256(text) {
  return crypto.createHash('sha256').update(String(text)).digest('hex');
}

function findUser(db, username, password) {
  const row = db
    .prepare('SELECT id, username, role FROM users WHERE username = ? AND password_hash = ?')
    .get(String(username), sha256(password));
  return row ?? null;
}

function usersWithRole(db, role) {
  return db.prepare('SELECT id, username FROM users WHERE role = ? ORDER BY id').all(String(role));
}

function changeEmail(db, userId, email) {
  const info = db.prepare('UPDATE users SET email = ? WHERE id = ?').run(String(email), userId);
  return info.changes;
}

module.exports = { findUser, usersWithRole, changeEmail };
