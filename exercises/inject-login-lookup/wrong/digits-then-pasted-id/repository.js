// Parameters for every text, and the id pasted after a strict digit check, on the reasoning that
// "digits cannot attack": nothing gets through as written, but the statement asks for every value
// as a bound parameter, and the next edit of the check (a sign, a space) opens it (a reviewer's case
// that scored full marks before the generated checks gave ids a numeric marker).
const crypto = require('crypto');

function findUser(db, username, password) {
  const hash = crypto.createHash('sha256').update(`${password}`).digest('hex');
  const user = db.prepare('SELECT id, username, role FROM users WHERE username = ? AND password_hash = ?').get(`${username}`, hash);
  return user || null;
}

function usersWithRole(db, role) {
  return db.prepare('SELECT id, username FROM users WHERE role = ? ORDER BY id').all(`${role}`);
}

function changeEmail(db, userId, email) {
  if (!/^[0-9]+$/.test(String(userId))) return 0;
  return db.prepare(`UPDATE users SET email = ? WHERE id = ${Number(userId)}`).run(`${email}`).changes;
}

module.exports = { findUser, usersWithRole, changeEmail };
