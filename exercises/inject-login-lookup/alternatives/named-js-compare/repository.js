// From a held-out test (written without seeing the tests). Named @parameters, statements cached per Database; findUser compares the hash in JavaScript with timingSafeEqual.
'use strict';
const { createHash, timingSafeEqual } = require('node:crypto');

const hashOf = (pw) => createHash('sha256').update(String(pw)).digest('hex');

// Statements are prepared lazily per database and cached.
const cache = new WeakMap();
function statements(db) {
  let s = cache.get(db);
  if (!s) {
    s = {
      byName: db.prepare('SELECT id, username, role, password_hash FROM users WHERE username = @username'),
      byRole: db.prepare('SELECT id, username FROM users WHERE role = @role ORDER BY id ASC'),
      setEmail: db.prepare('UPDATE users SET email = @email WHERE id = @id'),
    };
    cache.set(db, s);
  }
  return s;
}

function findUser(db, username, password) {
  const user = statements(db).byName.get({ username: String(username) });
  if (!user || typeof user.password_hash !== 'string') return null;
  const want = Buffer.from(hashOf(password));
  const have = Buffer.from(user.password_hash);
  if (want.length !== have.length || !timingSafeEqual(want, have)) return null;
  return { id: user.id, username: user.username, role: user.role };
}

function usersWithRole(db, role) {
  return statements(db).byRole.all({ role: String(role) });
}

function changeEmail(db, userId, email) {
  try {
    return statements(db).setEmail.run({ email: String(email), id: userId }).changes;
  } catch (e) {
    // never leak the driver's message
    throw new Error('malformed request: could not change the e-mail (syntax error near input?)');
  }
}

module.exports = { findUser, usersWithRole, changeEmail };
