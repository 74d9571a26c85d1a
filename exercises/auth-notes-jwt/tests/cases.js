/**
 * Test cases of auth-notes-jwt. Each case gets `t`: the REST test kit (see
 * rest-books-crud/tests/cases.js) and `t.auth` (harness/src/kinds/secure-auth/auth-kit.ts).
 * `t.auth.expectRefused(res, status)` and `t.auth.gotThrough(message)` fail a test as its attack
 * getting through (its class named to the student); any other failure is an ordinary one.
 */
const ADA = { email: 'ada@example.com', password: 'correct horse battery' };
const BOB = { email: 'bob@example.org', password: 'tr0ub4dor&3 staple' };

async function signUp(t, account) {
  const res = await t.post('/signup', account);
  t.expectStatus(res, 201);
  t.expectJsonMatch(res, { email: account.email });
  if (!Number.isInteger(res.body.id)) t.fail('POST /signup: the answer should hold the new account\'s integer id');
  return res.body.id;
}

async function logIn(t, account) {
  const res = await t.post('/login', account);
  t.expectStatus(res, 200);
  if (typeof (res.body && res.body.token) !== 'string') t.fail('POST /login: the answer should be { "token": "<JWT>" }');
  return res.body.token;
}

/** An account signed up and logged in: its id and a header with its token. */
async function member(t, account) {
  const id = await signUp(t, account);
  const token = await logIn(t, account);
  return { id, token, auth: { authorization: `Bearer ${token}` } };
}

async function createNote(t, who, text) {
  const res = await t.post('/notes', { text }, who.auth);
  t.expectStatus(res, 201);
  t.expectJson(res, { id: res.body && res.body.id, text });
  return res.body;
}

/** Every request with this header is refused with 401 and an error, and changes nothing. */
async function expectRefused(t, headers) {
  for (const [method, path, body] of [['GET', '/notes'], ['POST', '/notes', { text: 'sneaked in' }]]) {
    const res = await t.send(method, path, { json: body, headers });
    t.auth.expectRefused(res, 401);
    t.expectJsonMatch(res, { error: /\S/ });
  }
}

/** The payload with every value naming `from` (as a number or as text) naming `to` instead, in the same type. */
function renamed(payload, from, to) {
  const out = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === from.id) out[key] = to.id;
    else if (value === String(from.id)) out[key] = String(to.id);
    else if (value === from.email) out[key] = to.email;
    else out[key] = value;
  }
  return out;
}

module.exports = {
  'signs-up-and-logs-in': async (t) => {
    const ada = await member(t, ADA);
    const again = await t.post('/signup', { ...ADA, password: 'another password' });
    t.expectStatus(again, 409);
    t.expectJsonMatch(again, { error: /\S/ });
    for (const email of ['no-at-sign.example.com', 'carol@@example.com', '@example.com', 'carol@', 42]) t.expectStatus(await t.post('/signup', { email, password: 'long enough' }), 400);
    t.expectStatus(await t.post('/signup', { email: 'carol@example.com', password: 'seven77' }), 400);
    t.expectStatus(await t.post('/signup', { email: 'carol@example.com' }), 400);
    t.expectStatus(await t.post('/signup', { email: 'carol@example.com', password: 'eight888' }), 201);
    t.auth.expectSignedByApp(ada.token);
    const { header, payload } = t.auth.decode(ada.token);
    if (header.alg !== 'HS256') t.fail(`the token's header says alg ${JSON.stringify(header.alg)}: sign with HS256`);
    const now = Date.now() / 1000;
    if (typeof payload.exp !== 'number' || payload.exp <= now || payload.exp > now + 3600 + 60) t.fail('the token should have an exp at most one hour away');
    const notes = await t.get('/notes', undefined, ada.auth);
    t.expectStatus(notes, 200);
    t.expectJson(notes, []);
    t.expectStatus(await t.post('/login', { email: 42, password: ADA.password }), 400);
  },

  'keeps-notes': async (t) => {
    const ada = await member(t, ADA);
    const first = await createNote(t, ada, 'buy milk');
    const second = await createNote(t, ada, 'call Grace');
    t.expectJson(await t.get('/notes', undefined, ada.auth), [first, second]);
    t.expectJson(await t.get(`/notes/${first.id}`, undefined, ada.auth), first);
    const changed = await t.put(`/notes/${first.id}`, { text: 'buy oat milk' }, ada.auth);
    t.expectStatus(changed, 200);
    t.expectJson(changed, { id: first.id, text: 'buy oat milk' });
    t.expectStatus(await t.post('/notes', { text: '' }, ada.auth), 400);
    t.expectStatus(await t.put(`/notes/${second.id}`, { text: 7 }, ada.auth), 400);
    t.expectStatus(await t.delete(`/notes/${second.id}`, undefined, ada.auth), 204);
    t.expectStatus(await t.get(`/notes/${second.id}`, undefined, ada.auth), 404);
    t.expectStatus(await t.get('/notes/not-a-number', undefined, ada.auth), 404);
    t.expectJson(await t.get('/notes', undefined, ada.auth), [{ id: first.id, text: 'buy oat milk' }]);
  },

  'stores-slow-salted-hashes': async (t) => {
    await signUp(t, ADA);
    await signUp(t, { ...BOB, password: ADA.password });
    const rows = t.auth.query('SELECT email, password_hash FROM users ORDER BY id');
    if (rows.length !== 2) t.fail(`the users table should hold the 2 accounts signed up, it holds ${rows.length}`);
    for (const row of rows) t.auth.expectPasswordHash(row.password_hash, ADA.password);
    if (rows[0].password_hash === rows[1].password_hash) t.auth.gotThrough('two accounts with the same password have the same stored hash: give each its own random salt');
  },

  'refuses-alg-none': async (t) => {
    const ada = await member(t, ADA);
    await createNote(t, ada, 'private');
    const { payload } = t.auth.decode(ada.token);
    for (const alg of ['none', 'None', 'NONE']) await expectRefused(t, { authorization: `Bearer ${t.auth.token(payload, { alg: 'none', header: { alg } })}` });
  },

  'refuses-another-key': async (t) => {
    const ada = await member(t, ADA);
    const { payload } = t.auth.decode(ada.token);
    await expectRefused(t, { authorization: `Bearer ${t.auth.token(payload, { key: 'secret' })}` });
    await expectRefused(t, { authorization: `Bearer ${t.auth.token(payload, { key: `${t.auth.secret}x` })}` });
    await expectRefused(t, { authorization: `Bearer ${t.auth.token(payload, { key: '' })}` });
  },

  'refuses-expired-tokens': async (t) => {
    const ada = await member(t, ADA);
    const { payload } = t.auth.decode(ada.token);
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(t, { authorization: `Bearer ${t.auth.token({ ...payload, iat: now - 7200, exp: now - 3600 })}` });
    await expectRefused(t, { authorization: `Bearer ${t.auth.token({ ...payload, iat: now - 3700, exp: now - 100 })}` });
  },

  'refuses-changed-tokens': async (t) => {
    const ada = await member(t, ADA);
    const bob = await member(t, BOB);
    await createNote(t, bob, "Bob's secret");
    const { payload } = t.auth.decode(ada.token);
    await expectRefused(t, { authorization: `Bearer ${t.auth.tamper(ada.token, renamed(payload, ada, bob))}` });
    await expectRefused(t, { authorization: `Bearer ${t.auth.tamper(ada.token, { ...payload, exp: Math.floor(Date.now() / 1000) + 10 * 365 * 86400 })}` });
  },

  'refuses-bad-authorization-headers': async (t) => {
    const ada = await member(t, ADA);
    await expectRefused(t, {});
    await expectRefused(t, { authorization: 'Bearer' });
    await expectRefused(t, { authorization: 'Bearer ' });
    await expectRefused(t, { authorization: ada.token });
    await expectRefused(t, { authorization: `Basic ${Buffer.from(`${ADA.email}:${ADA.password}`).toString('base64')}` });
    await expectRefused(t, { authorization: 'Bearer abc.def.ghi' });
    await expectRefused(t, { authorization: 'Bearer undefined' });
    // A token anywhere but in the Authorization header (a query string ends up in logs) is no token.
    for (const name of ['token', 'access_token']) {
      t.auth.expectRefused(await t.get(`/notes?${name}=${encodeURIComponent(ada.token)}`), 401);
    }
  },

  'keeps-notes-private': async (t) => {
    const ada = await member(t, ADA);
    const bob = await member(t, BOB);
    const secret = await createNote(t, ada, "Ada's diary");
    await createNote(t, bob, "Bob's list");
    t.auth.expectRefused(await t.get(`/notes/${secret.id}`, undefined, bob.auth), 404);
    t.auth.expectRefused(await t.put(`/notes/${secret.id}`, { text: 'defaced' }, bob.auth), 404);
    t.auth.expectRefused(await t.delete(`/notes/${secret.id}`, undefined, bob.auth), 404);
    const bobs = await t.get('/notes', undefined, bob.auth);
    t.expectStatus(bobs, 200);
    if (!Array.isArray(bobs.body) || bobs.body.some((n) => n && n.id === secret.id)) t.auth.gotThrough("GET /notes: another user's note is in the list");
    const still = await t.get(`/notes/${secret.id}`, undefined, ada.auth);
    if (still.status !== 200 || !still.body || still.body.text !== secret.text) t.auth.gotThrough("another user's PUT or DELETE changed or removed the note, though it was answered 404");
    t.expectJson(still, secret);
  },

  'answers-alike-for-unknown-accounts': async (t) => {
    await signUp(t, ADA);
    // Attempt by attempt, an unknown address and a wrong password get the same answer, the
    // attempt limit's 429 included (an address locked only when it has an account is one that
    // has an account).
    for (let attempt = 1; attempt <= 6; attempt++) {
      const unknown = await t.post('/login', { email: 'nobody@example.com', password: `guess number ${attempt}` });
      const wrong = await t.post('/login', { ...ADA, password: `guess number ${attempt}` });
      t.expectStatus(wrong, attempt < 5 ? 401 : [401, 429]);
      if (unknown.status !== wrong.status || unknown.text !== wrong.text) {
        t.auth.gotThrough(`POST /login, attempt ${attempt}: an unknown address got ${unknown.status} ${unknown.text} where a wrong password got ${wrong.status} ${wrong.text}`);
      }
    }
  },

  'limits-login-attempts': async (t) => {
    await signUp(t, ADA);
    await signUp(t, BOB);
    // A successful login starts the count again: three failures, a success, four failures lock nothing.
    for (const round of [1, 2]) {
      for (let i = round === 1 ? 2 : 1; i <= 4; i++) t.expectStatus(await t.post('/login', { ...ADA, password: `round ${round} guess ${i}` }), 401);
      if (round === 1) await logIn(t, ADA);
    }
    // Five failures are allowed (the fifth may already lock the address); the sixth attempt must not be.
    t.expectStatus(await t.post('/login', { ...ADA, password: 'guess number 5' }), [401, 429]);
    const sixth = await t.post('/login', { ...ADA, password: 'guess number 6' });
    if (sixth.status === 401) t.auth.gotThrough('POST /login: a sixth failed login in a row was answered 401, so guessing goes on: lock the address with 429');
    t.expectStatus(sixth, 429);
    t.expectJsonMatch(sixth, { error: /\S/ });
    // The lock lasts: a second and a half later (a lock counted in the wrong unit is over by then) the right password still gets 429.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    t.auth.expectRefused(await t.post('/login', ADA), 429);
    await logIn(t, BOB);
  },
};
