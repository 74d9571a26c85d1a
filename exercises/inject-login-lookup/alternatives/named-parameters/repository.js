'use strict';
const { createHash } = require('crypto');

// Named parameters, statements prepared once per database, ids checked before use.
const cache = new WeakMap();

function statements(db) {
  let s = cache.get(db);
  if (!s) {
    s = {
      login: db.prepare(`SELECT id, username, role
                           FROM users
                          WHERE username = @username AND password_hash = @hash`),
      byRole: db.prepare('SELECT id, username FROM users WHERE role = @role ORDER BY id ASC'),
      email: db.prepare('UPDATE users SET email = @email WHERE id = @id'),
    };
    cache.set(db, s);
  }
  return s;
}

exports.findUser = (db, username, password) => {
  const hash = createHash('sha256').update(`${password}`).digest('hex');
  const user = statements(db).login.get({ username: `${username}`, hash });
  return user === undefined ? null : { id: user.id, username: user.username, role: user.role };
};

exports.usersWithRole = (db, role) => statements(db).byRole.all({ role: `${role}` });

exports.changeEmail = async (db, userId, email) => {
  const id = Number(userId);
  if (!Number.isInteger(id)) return 0;
  return statements(db).email.run({ email: `${email}`, id }).changes;
};
