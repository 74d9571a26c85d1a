/** Test cases of rest-notes-typescript. Each case gets `t` (see rest-books-crud/tests/cases.js). */
const GROCERIES = { title: 'Groceries', body: 'milk, eggs', tags: ['home', 'todo'] };
const IDEA = { title: 'Idea', body: '' };

async function create(t, note) {
  const res = await t.post('/notes', note);
  t.expectStatus(res, [200, 201]);
  if (!Number.isInteger(res.body && res.body.id)) t.fail('POST /notes: the answer should be the new note, with an integer id');
  return res.body;
}

function expectError(t, res, status) {
  t.expectStatus(res, status);
  t.expectJsonMatch(res, { error: /\S/ });
}

module.exports = {
  'creates-and-shows': async (t) => {
    const res = await t.post('/notes', GROCERIES);
    t.expectStatus(res, 201);
    t.expectHeader(res, 'location', '/notes/1');
    t.expectJson(res, { id: 1, ...GROCERIES });
    const idea = await t.post('/notes', IDEA);
    t.expectJson(idea, { id: 2, ...IDEA, tags: [] });
    const shown = await t.get('/notes/2');
    t.expectStatus(shown, 200);
    t.expectJson(shown, { id: 2, ...IDEA, tags: [] });
    expectError(t, await t.get('/notes/3'), 404);
  },

  'lists-and-filters-by-tag': async (t) => {
    await create(t, GROCERIES);
    await create(t, IDEA);
    await create(t, { title: 'Call Bea', body: 'about Sunday', tags: ['todo'] });
    const all = await t.get('/notes');
    t.expectStatus(all, 200);
    t.expectJsonMatch(all, [{ id: 1 }, { id: 2 }, { id: 3 }]);
    const todo = await t.get('/notes?tag=todo');
    t.expectJsonMatch(todo, [{ id: 1 }, { id: 3 }]);
    t.expectJson(await t.get('/notes?tag=none'), []);
  },

  'rejects-invalid-notes': async (t) => {
    expectError(t, await t.post('/notes', { body: 'no title' }), 400);
    expectError(t, await t.post('/notes', { title: '', body: '' }), 400);
    expectError(t, await t.post('/notes', { title: 'T', body: 5 }), 400);
    expectError(t, await t.post('/notes', { title: 'T', body: '', tags: 'home' }), 400);
    expectError(t, await t.post('/notes', { title: 'T', body: '', tags: ['ok', 7] }), 400);
    t.expectJson(await t.get('/notes'), []);
  },

  'replaces-with-put': async (t) => {
    await create(t, GROCERIES);
    const res = await t.put('/notes/1', { title: 'Groceries (Saturday)', body: 'milk' });
    t.expectStatus(res, 200);
    t.expectJson(res, { id: 1, title: 'Groceries (Saturday)', body: 'milk', tags: [] });
    expectError(t, await t.put('/notes/9', IDEA), 404);
  },

  'put-errors-change-nothing': async (t) => {
    await create(t, GROCERIES);
    expectError(t, await t.put('/notes/1', { title: '', body: 'x' }), 400);
    expectError(t, await t.put('/notes/1', { title: 'T' }), 400);
    t.expectJson(await t.get('/notes/1'), { id: 1, ...GROCERIES });
  },

  'deletes-note': async (t) => {
    await create(t, GROCERIES);
    const res = await t.delete('/notes/1');
    t.expectStatus(res, 204);
    expectError(t, await t.get('/notes/1'), 404);
    expectError(t, await t.delete('/notes/1'), 404);
    const again = await create(t, IDEA);
    if (again.id !== 2) t.fail('POST /notes: an id is never given twice (expected 2)');
  },
};
