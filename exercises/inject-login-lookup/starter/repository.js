const crypto = require('node:crypto');

function sha256(text) {
  return crypto.createHash('sha256').update(String(text)).digest('hex');
}

// Vulnerable: every query pastes the caller's input into the SQL text.

function findUser(db, username, password) {
  const sql = `SELECT id, username, role FROM users
               WHERE username = '${username}' AND password_hash = '${sha256(password)}'`;
  return db.prepare(sql).get() ?? null;
}

function usersWithRole(db, role) {
  return db.prepare(`SELECT id, username FROM users WHERE role = '${role}' ORDER BY id`).all();
}

function changeEmail(db, userId, email) {
  db.exec(`UPDATE users SET email = '${email}' WHERE id = ${userId}`);
  return db.prepare('SELECT changes() AS n').get().n;
}

module.exports = { findUser, usersWithRole, changeEmail };
