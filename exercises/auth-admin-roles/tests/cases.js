/**
 * Test cases of auth-admin-roles. Each case gets `t`: the REST test kit (see
 * rest-books-crud/tests/cases.js) and `t.auth` (harness/src/kinds/secure-auth/auth-kit.ts).
 * `t.auth.expectRefused(res, status)` and `t.auth.gotThrough(message)` fail a test as its attack
 * getting through (its class named to the student); any other failure is an ordinary one.
 */
const ADA = { email: 'ada@example.com', password: 'correct horse battery' };
const BOB = { email: 'bob@example.org', password: 'tr0ub4dor&3 staple' };
const MAL = { email: 'mallory@example.net', password: 'let me in please' };

async function signUp(t, account, extra = {}) {
  const res = await t.post('/signup', { ...account, ...extra });
  t.expectStatus(res, 201);
  t.expectJsonMatch(res, { email: account.email });
  if (!Number.isInteger(res.body.id)) t.fail("POST /signup: the answer should be the new account, with its integer id");
  return res.body;
}

async function logIn(t, account) {
  const res = await t.post('/login', account);
  t.expectStatus(res, 200);
  if (typeof (res.body && res.body.token) !== 'string') t.fail('POST /login: the answer should be { "token": "<JWT>" }');
  return res.body.token;
}

/** Signed up and logged in: the account as answered, its token and a header with it. */
async function member(t, account, extra) {
  const body = await signUp(t, account, extra);
  const token = await logIn(t, account);
  return { ...body, token, auth: { authorization: `Bearer ${token}` } };
}

const view = (who, role) => ({ id: who.id, email: who.email, role });

async function expectRefused(t, headers) {
  for (const path of ['/me', '/users']) {
    const res = await t.get(path, undefined, headers);
    t.auth.expectRefused(res, 401);
    t.expectJsonMatch(res, { error: /\S/ });
  }
}

module.exports = {
  'signs-up-the-first-as-admin': async (t) => {
    const ada = await member(t, ADA);
    const bob = await member(t, BOB);
    if (ada.role !== 'admin' || bob.role !== 'member') t.fail(`POST /signup: the first account should be an admin and the next a member, got ${ada.role} and ${bob.role}`);
    t.expectJson(await t.post('/signup', { email: 'carol@example.com', password: 'long enough' }), { id: 3, email: 'carol@example.com', role: 'member' });
    t.expectStatus(await t.post('/signup', { ...BOB, password: 'another password' }), 409);
    for (const email of ['no-at-sign', 'dan@@example.com', '@example.com', 'dan@', 42]) t.expectStatus(await t.post('/signup', { email, password: 'long enough' }), 400);
    t.expectStatus(await t.post('/signup', { email: 'dan@example.com', password: 'seven77' }), 400);
    t.expectStatus(await t.post('/login', { email: ADA.email, password: 12345678 }), 400);
    t.expectJson(await t.get('/me', undefined, bob.auth), view(bob, 'member'));
    t.auth.expectSignedByApp(bob.token);
    const { header, payload } = t.auth.decode(bob.token);
    if (header.alg !== 'HS256') t.fail(`the token's header says alg ${JSON.stringify(header.alg)}: sign with HS256`);
    const now = Date.now() / 1000;
    if (typeof payload.exp !== 'number' || payload.exp <= now || payload.exp > now + 3600 + 60) t.fail('the token should have an exp at most one hour away');
  },

  'lets-admins-manage-accounts': async (t) => {
    const ada = await member(t, ADA);
    const bob = await member(t, BOB);
    const mal = await member(t, MAL);
    t.expectJson(await t.get('/users', undefined, ada.auth), [view(ada, 'admin'), view(bob, 'member'), view(mal, 'member')]);
    t.expectJson(await t.put(`/users/${mal.id}/role`, { role: 'admin' }, ada.auth), view(mal, 'admin'));
    t.expectStatus(await t.put(`/users/${bob.id}/role`, { role: 'owner' }, ada.auth), 400);
    t.expectStatus(await t.put('/users/424242/role', { role: 'member' }, ada.auth), 404);
    t.expectJson(await t.get('/users', undefined, ada.auth), [view(ada, 'admin'), view(bob, 'member'), view(mal, 'admin')]);
    t.expectStatus(await t.delete(`/users/${bob.id}`, undefined, ada.auth), 204);
    t.expectStatus(await t.delete('/users/424242', undefined, ada.auth), 404);
    t.expectJson(await t.get('/users', undefined, ada.auth), [view(ada, 'admin'), view(mal, 'admin')]);
  },

  'ends-a-removed-account': async (t) => {
    const ada = await member(t, ADA);
    const bob = await member(t, BOB);
    t.expectStatus(await t.delete(`/users/${bob.id}`, undefined, bob.auth), 204);
    await expectRefused(t, bob.auth);
    t.expectJson(await t.get('/users', undefined, ada.auth), [view(ada, 'admin')]);
    // Nor once another account is signed up: a new account that took the removed one's id must not answer to its tokens.
    await signUp(t, MAL);
    await expectRefused(t, bob.auth);
  },

  'stores-slow-salted-hashes': async (t) => {
    await signUp(t, ADA);
    await signUp(t, { ...BOB, password: ADA.password });
    const rows = t.auth.query('SELECT password_hash FROM users ORDER BY id');
    if (rows.length !== 2) t.fail(`the users table should hold the 2 accounts signed up, it holds ${rows.length}`);
    for (const row of rows) t.auth.expectPasswordHash(row.password_hash, ADA.password);
    if (rows[0].password_hash === rows[1].password_hash) t.auth.gotThrough('two accounts with the same password have the same stored hash: give each its own random salt');
  },

  'keeps-members-off-admin-routes': async (t) => {
    const ada = await member(t, ADA);
    const bob = await member(t, BOB);
    t.auth.expectRefused(await t.get('/users', undefined, bob.auth), 403);
    t.auth.expectRefused(await t.put(`/users/${bob.id}/role`, { role: 'admin' }, bob.auth), 403);
    t.auth.expectRefused(await t.put(`/users/${ada.id}/role`, { role: 'member' }, bob.auth), 403);
    t.auth.expectRefused(await t.delete(`/users/${ada.id}`, undefined, bob.auth), 403);
    const me = await t.get('/me', undefined, bob.auth);
    if (me.body && me.body.role === 'admin') t.auth.gotThrough('a member made itself an admin, though it was answered 403');
    const admin = await t.get('/me', undefined, ada.auth);
    if (admin.status !== 200 || !admin.body || admin.body.role !== 'admin') t.auth.gotThrough("a member changed or removed an admin's account, though it was answered 403");
  },

  'ignores-a-role-in-the-sign-up': async (t) => {
    await member(t, ADA);
    const mal = await member(t, MAL, { role: 'admin', isAdmin: true });
    if (mal.role === 'admin') t.auth.gotThrough('POST /signup: a role in the body made the new account an admin');
    const me = await t.get('/me', undefined, mal.auth);
    if (me.body && me.body.role === 'admin') t.auth.gotThrough('GET /me: an account signed up with a role in its body is an admin');
    t.auth.expectRefused(await t.get('/users', undefined, mal.auth), 403);
    const stored = t.auth.query('SELECT role FROM users WHERE id = ?', mal.id);
    if (!stored[0] || stored[0].role !== 'member') t.auth.gotThrough(`the users table holds role ${JSON.stringify(stored[0] && stored[0].role)} for an account signed up with a role in its body`);
    t.expectJson(me, view(mal, 'member'));
  },

  'changes-roles-at-once': async (t) => {
    const ada = await member(t, ADA);
    const bob = await member(t, BOB);
    t.expectStatus(await t.put(`/users/${bob.id}/role`, { role: 'admin' }, ada.auth), 200);
    t.expectStatus(await t.get('/users', undefined, bob.auth), 200);
    const asAdmin = { authorization: `Bearer ${await logIn(t, BOB)}` };
    t.expectStatus(await t.put(`/users/${bob.id}/role`, { role: 'member' }, ada.auth), 200);
    // Neither the token from before the promotion nor the one issued while an admin keeps an admin's rights.
    for (const auth of [bob.auth, asAdmin]) {
      t.auth.expectRefused(await t.get('/users', undefined, auth), 403);
      t.auth.expectRefused(await t.delete(`/users/${ada.id}`, undefined, auth), 403);
    }
  },

  'refuses-changed-tokens': async (t) => {
    const ada = await member(t, ADA);
    const bob = await member(t, BOB);
    const { payload } = t.auth.decode(bob.token);
    const asAda = {};
    for (const [key, value] of Object.entries(payload)) asAda[key] = value === bob.id ? ada.id : value === String(bob.id) ? String(ada.id) : value === 'member' ? 'admin' : value;
    await expectRefused(t, { authorization: `Bearer ${t.auth.tamper(bob.token, asAda)}` });
    await expectRefused(t, { authorization: `Bearer ${t.auth.tamper(bob.token, { ...payload, role: 'admin' })}` });
  },

  'refuses-alg-none': async (t) => {
    const ada = await member(t, ADA);
    const { payload } = t.auth.decode(ada.token);
    for (const alg of ['none', 'None']) await expectRefused(t, { authorization: `Bearer ${t.auth.token(payload, { alg: 'none', header: { alg } })}` });
  },

  'refuses-another-key': async (t) => {
    const ada = await member(t, ADA);
    const { payload } = t.auth.decode(ada.token);
    await expectRefused(t, { authorization: `Bearer ${t.auth.token(payload, { key: 'secret' })}` });
    await expectRefused(t, { authorization: `Bearer ${t.auth.token(payload, { key: 'changeme' })}` });
  },

  'refuses-expired-tokens': async (t) => {
    const ada = await member(t, ADA);
    const { payload } = t.auth.decode(ada.token);
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(t, { authorization: `Bearer ${t.auth.token({ ...payload, iat: now - 7200, exp: now - 3600 })}` });
  },

  'refuses-bad-authorization-headers': async (t) => {
    const ada = await member(t, ADA);
    for (const header of [undefined, 'Bearer', 'Bearer ', ada.token, `Basic ${Buffer.from(`${ADA.email}:${ADA.password}`).toString('base64')}`, 'Bearer abc.def.ghi']) {
      await expectRefused(t, header === undefined ? {} : { authorization: header });
    }
  },

  'answers-alike-for-unknown-accounts': async (t) => {
    await signUp(t, ADA);
    const unknown = await t.post('/login', { email: 'nobody@example.com', password: ADA.password });
    const wrong = await t.post('/login', { ...ADA, password: 'not the password' });
    t.expectStatus(unknown, 401);
    t.expectStatus(wrong, 401);
    if (unknown.text !== wrong.text) t.auth.gotThrough(`POST /login: an unknown address got ${unknown.text} where a wrong password got ${wrong.text}`);
  },
};
