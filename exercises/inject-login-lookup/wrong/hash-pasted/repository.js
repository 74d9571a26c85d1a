// The password's SHA-256 is pasted into the SQL text, on the reasoning that a hash is only hex
// digits: it cannot attack as written, but the statement asks for every value as a bound
// parameter (a reviewer's case that scored full marks before the taint check looked for hashes).
const crypto = require('node:crypto');

function findUser(db, username, password) {
  const hash = crypto.createHash('sha256').update(String(password)).digest('hex');
  const row = db.prepare(`SELECT id, username, role FROM users WHERE username = ? AND password_hash = '${hash}'`).get(String(username));
  return row ?? null;
}

function usersWithRole(db, role) {
  return db.prepare('SELECT id, username FROM users WHERE role = ? ORDER BY id').all(String(role));
}

function changeEmail(db, userId, email) {
  return db.prepare('UPDATE users SET email = ? WHERE id = ?').run(String(email), userId).changes;
}

module.exports = { findUser, usersWithRole, changeEmail };
