// bcryptjs with its callback API; a `tokens_valid_after` column (milliseconds) rejects any
// token issued before it, so a token of a removed account cannot be replayed against a new
// account that got the same id. The auth scheme is matched case-insensitively (RFC 7235).
var express = require('express');
var Database = require('better-sqlite3');
var jwt = require('jsonwebtoken');
var bcrypt = require('bcryptjs');

function createApp() {
  var app = express();
  app.use(express.json());

  var db = new Database(process.env.DATABASE_PATH);
  db.exec(
    'CREATE TABLE IF NOT EXISTS users (' +
    ' id INTEGER PRIMARY KEY,' +
    ' email TEXT NOT NULL UNIQUE,' +
    ' role TEXT NOT NULL,' +
    ' password_hash TEXT NOT NULL,' +
    ' tokens_valid_after INTEGER NOT NULL)'
  );

  var FAKE_HASH = bcrypt.hashSync('placeholder-password', 10);

  function sendError(res, status, message) {
    res.status(status).json({ error: message });
  }
  function publicUser(row) {
    return { id: row.id, email: row.email, role: row.role };
  }
  function isEmail(v) {
    if (typeof v !== 'string') return false;
    var i = v.indexOf('@');
    return i > 0 && i === v.lastIndexOf('@') && i < v.length - 1;
  }

  app.post('/signup', function (req, res, next) {
    var body = req.body || {};
    if (!isEmail(body.email)) return sendError(res, 400, 'Invalid email');
    if (typeof body.password !== 'string' || body.password.length < 8) return sendError(res, 400, 'Password must be at least 8 characters');
    if (db.prepare('SELECT id FROM users WHERE email = ?').get(body.email)) return sendError(res, 409, 'Email already registered');
    bcrypt.genSalt(10, function (err, salt) {
      if (err) return next(err);
      bcrypt.hash(body.password, salt, function (err2, hash) {
        if (err2) return next(err2);
        var result;
        try {
          result = db.transaction(function () {
            var first = db.prepare('SELECT COUNT(*) AS c FROM users').get().c === 0;
            var info = db.prepare('INSERT INTO users (email, role, password_hash, tokens_valid_after) VALUES (?, ?, ?, ?)')
              .run(body.email, first ? 'admin' : 'member', hash, Date.now());
            return db.prepare('SELECT * FROM users WHERE id = ?').get(info.lastInsertRowid);
          })();
        } catch (e) {
          if (e.code === 'SQLITE_CONSTRAINT_UNIQUE') return sendError(res, 409, 'Email already registered');
          return next(e);
        }
        res.status(201).json(publicUser(result));
      });
    });
  });

  app.post('/login', function (req, res, next) {
    var body = req.body || {};
    if (typeof body.email !== 'string' || typeof body.password !== 'string') return sendError(res, 400, 'Email and password must be strings');
    var user = db.prepare('SELECT * FROM users WHERE email = ?').get(body.email);
    bcrypt.compare(body.password, user ? user.password_hash : FAKE_HASH, function (err, same) {
      if (err) return next(err);
      if (!user || !same) return sendError(res, 401, 'Invalid email or password');
      var token = jwt.sign({ sub: String(user.id), iat_ms: Date.now() }, process.env.JWT_SECRET, { expiresIn: 60 * 60 });
      res.json({ token: token });
    });
  });

  function requireAuth(req, res, next) {
    var header = req.get('authorization');
    var parts = header ? header.split(' ') : [];
    if (parts.length !== 2 || parts[0].toLowerCase() !== 'bearer' || !parts[1]) return sendError(res, 401, 'Unauthorized');
    jwt.verify(parts[1], process.env.JWT_SECRET, { algorithms: ['HS256'] }, function (err, claims) {
      if (err) return sendError(res, 401, 'Unauthorized');
      var user = db.prepare('SELECT * FROM users WHERE id = ?').get(Number(claims.sub));
      if (!user || typeof claims.iat_ms !== 'number' || claims.iat_ms < user.tokens_valid_after) return sendError(res, 401, 'Unauthorized');
      req.user = user;
      next();
    });
  }

  function requireAdmin(req, res, next) {
    if (req.user.role !== 'admin') return sendError(res, 403, 'Forbidden');
    next();
  }

  app.get('/me', requireAuth, function (req, res) {
    res.json(publicUser(req.user));
  });

  app.get('/users', requireAuth, requireAdmin, function (req, res) {
    res.json(db.prepare('SELECT id, email, role FROM users ORDER BY id').all().map(publicUser));
  });

  app.put('/users/:id/role', requireAuth, requireAdmin, function (req, res) {
    var role = req.body ? req.body.role : undefined;
    if (role !== 'admin' && role !== 'member') return sendError(res, 400, 'Role must be admin or member');
    var target = db.prepare('SELECT * FROM users WHERE id = ?').get(req.params.id);
    if (!target) return sendError(res, 404, 'User not found');
    db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, target.id);
    target.role = role;
    res.json(publicUser(target));
  });

  app.delete('/users/:id', requireAuth, function (req, res) {
    if (req.user.role !== 'admin' && req.params.id !== String(req.user.id)) return sendError(res, 403, 'Forbidden');
    var info = db.prepare('DELETE FROM users WHERE id = ?').run(req.params.id);
    if (info.changes === 0) return sendError(res, 404, 'User not found');
    res.status(204).end();
  });

  app.use(function (err, req, res, next) {
    if (err && err.type === 'entity.parse.failed') return sendError(res, 400, 'Invalid JSON');
    sendError(res, 500, 'Internal Server Error');
  });

  return app;
}

module.exports = { createApp: createApp };
