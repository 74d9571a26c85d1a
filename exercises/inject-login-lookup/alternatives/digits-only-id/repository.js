// Parameters everywhere, and an id taken only when it is digits and nothing else (no sign, no
// white space): "3\n" changes nobody, which the statement allows as much as SQLite's reading of it as 3.
const crypto = require('crypto');

function findUser(db, username, password) {
  const hash = crypto.createHash('sha256').update(`${password}`).digest('hex');
  const user = db.prepare('SELECT id, username, role FROM users WHERE username = ? AND password_hash = ?').get(`${username}`, hash);
  return user || null;
}

function usersWithRole(db, role) {
  return db.prepare('SELECT id, username FROM users WHERE role = ? ORDER BY id ASC').all(`${role}`);
}

function changeEmail(db, userId, email) {
  if (!/^\d+$/.test(String(userId))) return 0;
  return db.prepare('UPDATE users SET email = ? WHERE id = ?').run(`${email}`, Number(userId)).changes;
}

module.exports = { findUser, usersWithRole, changeEmail };
