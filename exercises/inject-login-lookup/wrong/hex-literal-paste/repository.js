const crypto = require('node:crypto');
const sha256 = (t) => crypto.createHash('sha256').update(String(t)).digest('hex');
// "Escaping-proof": every input is pasted as a hex blob literal cast back to text,
// so no quote in it can ever close a string. (Still pasted into the SQL text.)
const lit = (v) => `CAST(X'${Buffer.from(String(v), 'utf8').toString('hex')}' AS TEXT)`;

function findUser(db, username, password) {
  return db.prepare(`SELECT id, username, role FROM users
                     WHERE username = ${lit(username)} AND password_hash = ${lit(sha256(password))}`).get() ?? null;
}
function usersWithRole(db, role) {
  return db.prepare(`SELECT id, username FROM users WHERE role = ${lit(role)} ORDER BY id`).all();
}
function changeEmail(db, userId, email) {
  return db.prepare(`UPDATE users SET email = ${lit(email)} WHERE id = ${lit(userId)}`).run().changes;
}
module.exports = { findUser, usersWithRole, changeEmail };
