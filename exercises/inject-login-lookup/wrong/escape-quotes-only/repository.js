const crypto = require('node:crypto');

function sha256(text) {
  return crypto.createHash('sha256').update(String(text)).digest('hex');
}

// Doubles every quote in text values: strings are safe, but the id is pasted as it came.
function quote(text) {
  return `'${String(text).replace(/'/g, "''")}'`;
}

function findUser(db, username, password) {
  return db.prepare(`SELECT id, username, role FROM users WHERE username = ${quote(username)} AND password_hash = ${quote(sha256(password))}`).get() ?? null;
}

function usersWithRole(db, role) {
  return db.prepare(`SELECT id, username FROM users WHERE role = ${quote(role)} ORDER BY id`).all();
}

function changeEmail(db, userId, email) {
  return db.prepare(`UPDATE users SET email = ${quote(email)} WHERE id = ${userId}`).run().changes;
}

module.exports = { findUser, usersWithRole, changeEmail };
