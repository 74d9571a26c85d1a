const crypto = require('crypto');
const express = require('express');
const Database = require('better-sqlite3');
const bcrypt = require('bcryptjs');

const TOKEN_TTL_SECONDS = 30 * 60;

class Jwt {
  constructor(secret) {
    this.secret = secret;
  }

  static encode(obj) {
    return Buffer.from(JSON.stringify(obj), 'utf8').toString('base64url');
  }

  signature(input) {
    return crypto.createHmac('sha256', this.secret).update(input).digest();
  }

  sign(payload) {
    const input = `${Jwt.encode({ typ: 'JWT', alg: 'HS256' })}.${Jwt.encode(payload)}`;
    return `${input}.${this.signature(input).toString('base64url')}`;
  }

  verify(token) {
    if (typeof token !== 'string') return null;
    const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(token);
    if (!match) return null;
    const [, h, p, s] = match;
    let header;
    let payload;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (header === null || header.alg === 'none') return null;
    // support whichever HMAC the token was made with
    const digest = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[header.alg];
    if (digest) {
      const expected = Buffer.from(crypto.createHmac(digest, this.secret).update(`${h}.${p}`).digest('base64url'));
      const actual = Buffer.from(s);
      if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) return null;
    }
    if (payload === null || typeof payload !== 'object') return null;
    if (!Number.isFinite(payload.exp) || Date.now() >= payload.exp * 1000) return null;
    return payload;
  }
}

function createApp() {
  const jwt = new Jwt(process.env.JWT_SECRET);
  const db = new Database(process.env.DATABASE_PATH);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      password_hash TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS notes (
      id INTEGER PRIMARY KEY,
      author INTEGER NOT NULL REFERENCES users (id),
      body TEXT NOT NULL
    );
  `);

  // email -> array of failure times since the last success
  const failedLogins = new Map();
  const lockedUntil = new Map();
  const unknownUserHash = bcrypt.hashSync(crypto.randomUUID(), 10);

  const app = express();
  app.use(express.json({ limit: '100kb' }));

  app.post('/signup', async (req, res) => {
    const email = req.body?.email;
    const password = req.body?.password;
    if (typeof email !== 'string' || email.split('@').length !== 2 || email.split('@').some((part) => part === '')) {
      return res.status(400).json({ error: 'email must be an address like name@example.com' });
    }
    if (typeof password !== 'string' || password.length < 8) {
      return res.status(400).json({ error: 'password must be a string of at least 8 characters' });
    }
    const salt = await bcrypt.genSalt(10);
    const hash = await bcrypt.hash(password, salt);
    let row;
    try {
      row = db.prepare('INSERT INTO users (email, password_hash) VALUES (?, ?) RETURNING id, email').get(email, hash);
    } catch (e) {
      if (String(e.code).startsWith('SQLITE_CONSTRAINT')) {
        return res.status(409).json({ error: 'this e-mail address is already registered' });
      }
      throw e;
    }
    res.status(201).json(row);
  });

  app.post('/login', async (req, res) => {
    const { email, password } = req.body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string') {
      return res.status(400).json({ error: 'email and password are required strings' });
    }
    const until = lockedUntil.get(email);
    if (until !== undefined) {
      if (Date.now() < until) {
        return res.status(429).json({ error: 'too many failed logins for this address, wait 15 minutes' });
      }
      lockedUntil.delete(email);
      failedLogins.delete(email);
    }
    const user = db.prepare('SELECT id, password_hash FROM users WHERE email = ?').get(email);
    const passwordOk = await bcrypt.compare(password, user?.password_hash ?? unknownUserHash);
    if (user && passwordOk) {
      failedLogins.delete(email);
      const now = Math.floor(Date.now() / 1000);
      return res.json({ token: jwt.sign({ sub: user.id, iat: now, exp: now + TOKEN_TTL_SECONDS }) });
    }
    const list = failedLogins.get(email) ?? [];
    list.push(Date.now());
    failedLogins.set(email, list);
    if (list.length >= 5) lockedUntil.set(email, Date.now() + 15 * 60 * 1000);
    return res.status(401).json({ error: 'invalid e-mail or password' });
  });

  app.use('/notes', (req, res, next) => {
    const auth = req.get('Authorization');
    const token = auth && auth.startsWith('Bearer ') ? auth.substring(7) : null;
    const claims = token ? jwt.verify(token) : null;
    if (!claims || !Number.isInteger(claims.sub)) {
      return res.status(401).json({ error: 'a valid bearer token is required' });
    }
    res.locals.userId = claims.sub;
    next();
  });

  const byIdAndOwner = db.prepare('SELECT id, body AS text FROM notes WHERE id = ? AND author = ?');
  const parseId = (value) => {
    const n = Number(value);
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  };
  const badText = (body) => typeof body?.text !== 'string' || body.text.length === 0;

  app.route('/notes')
    .get((req, res) => {
      res.json(db.prepare('SELECT id, body AS text FROM notes WHERE author = ? ORDER BY id').all(res.locals.userId));
    })
    .post((req, res) => {
      if (badText(req.body)) return res.status(400).json({ error: 'text must be a non-empty string' });
      const note = db.prepare('INSERT INTO notes (author, body) VALUES (?, ?) RETURNING id, body AS text').get(res.locals.userId, req.body.text);
      res.status(201).json(note);
    });

  app.route('/notes/:id')
    .get((req, res) => {
      const note = byIdAndOwner.get(parseId(req.params.id), res.locals.userId);
      return note ? res.json(note) : res.status(404).json({ error: 'not found' });
    })
    .put((req, res) => {
      if (badText(req.body)) return res.status(400).json({ error: 'text must be a non-empty string' });
      const note = db.prepare('UPDATE notes SET body = ? WHERE id = ? AND author = ? RETURNING id, body AS text')
        .get(req.body.text, parseId(req.params.id), res.locals.userId);
      return note ? res.json(note) : res.status(404).json({ error: 'not found' });
    })
    .delete((req, res) => {
      const { changes } = db.prepare('DELETE FROM notes WHERE id = ? AND author = ?').run(parseId(req.params.id), res.locals.userId);
      return changes ? res.status(204).end() : res.status(404).json({ error: 'not found' });
    });

  app.use((err, req, res, next) => {
    const status = Number.isInteger(err.status) && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).json({ error: status === 500 ? 'internal server error' : err.message });
  });

  return app;
}

module.exports = { createApp };
