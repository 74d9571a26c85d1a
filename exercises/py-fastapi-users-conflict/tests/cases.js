/**
 * Test cases of py-fastapi-users-conflict (those of rest-users-conflict). Each case gets `t` (see rest-books-crud/tests/cases.js).
 */
const ADA = { email: 'ada@example.com', name: 'Ada', password: 'correct horse' };
const GRACE = { email: 'grace@example.com', name: 'Grace', password: 'battery staple' };

async function create(t, user) {
  const res = await t.post('/users', user);
  t.expectStatus(res, [200, 201]);
  if (!Number.isInteger(res.body && res.body.id)) t.fail('POST /users: the answer should be the new account, with an integer id');
  return res.body;
}

function expectError(t, res, status) {
  t.expectStatus(res, status);
  t.expectJsonMatch(res, { error: /\S/ });
}

/** The account as stored, seen through GET: nothing an error answer should have changed. */
async function expectAccount(t, id, account) {
  const res = await t.get(`/users/${id}`);
  t.expectStatus(res, 200);
  t.expectJson(res, { id, ...account });
}

module.exports = {
  'creates-account': async (t) => {
    const res = await t.post('/users', ADA);
    t.expectStatus(res, 201);
    t.expectHeader(res, 'location', '/users/1');
    t.expectJson(res, { id: 1, email: ADA.email, name: ADA.name });
    await expectAccount(t, 1, { email: ADA.email, name: ADA.name });
    expectError(t, await t.get('/users/2'), 404);
    // An id that is not a number is an account that does not exist, not FastAPI's 422.
    expectError(t, await t.get('/users/abc'), 404);
  },

  'malformed-is-400': async (t) => {
    expectError(t, await t.send('POST', '/users', { text: '{"email": "ada@example.com",', headers: { 'content-type': 'application/json' } }), 400);
    expectError(t, await t.post('/users', [ADA]), 400);
    expectError(t, await t.post('/users', { ...ADA, password: 12345678 }), 400);
    expectError(t, await t.post('/users', { email: ADA.email, name: ADA.name }), 400);
    expectError(t, await t.get('/users/1'), 404);
  },

  'invalid-values-are-422': async (t) => {
    expectError(t, await t.post('/users', { ...ADA, email: 'ada.example.com' }), 422);
    expectError(t, await t.post('/users', { ...ADA, name: '   ' }), 422);
    expectError(t, await t.post('/users', { ...ADA, password: 'short' }), 422);
    expectError(t, await t.get('/users/1'), 404);
  },

  'duplicate-email-is-409': async (t) => {
    await create(t, ADA);
    expectError(t, await t.post('/users', { ...GRACE, email: 'ADA@Example.COM' }), 409);
    expectError(t, await t.get('/users/2'), 404);
    const grace = await t.post('/users', GRACE);
    t.expectStatus(grace, 201);
    t.expectJsonMatch(grace, { id: 2 });
  },

  'updates-account': async (t) => {
    await create(t, ADA);
    const res = await t.patch('/users/1', { name: 'Ada Lovelace', email: 'ADA@example.com' });
    t.expectStatus(res, 200);
    t.expectJson(res, { id: 1, email: 'ADA@example.com', name: 'Ada Lovelace' });
    expectError(t, await t.patch('/users/7', { name: 'Nobody' }), 404);
  },

  'update-errors-change-nothing': async (t) => {
    await create(t, ADA);
    await create(t, GRACE);
    expectError(t, await t.patch('/users/2', { email: 'ada@EXAMPLE.com' }), 409);
    expectError(t, await t.patch('/users/2', { name: 'Grace H', password: 'short' }), 422);
    expectError(t, await t.patch('/users/2', { name: 42 }), 400);
    // null is a value of the wrong type, not a field left out.
    expectError(t, await t.patch('/users/2', { name: null }), 400);
    // The 409 changes nothing, not even the other fields of the same body.
    expectError(t, await t.patch('/users/2', { email: 'ADA@example.com', name: 'Changed' }), 409);
    await expectAccount(t, 2, { email: GRACE.email, name: GRACE.name });
  },

  'deletes-account': async (t) => {
    await create(t, ADA);
    const res = await t.delete('/users/1');
    t.expectStatus(res, 204);
    if (res.text !== '') t.fail('DELETE /users/1: a 204 answer has no body');
    expectError(t, await t.get('/users/1'), 404);
    expectError(t, await t.delete('/users/1'), 404);
    const again = await t.post('/users', ADA);
    t.expectStatus(again, 201);
    t.expectJsonMatch(again, { id: 2 });
  },
};
