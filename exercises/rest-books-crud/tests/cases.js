/**
 * Test cases of rest-books-crud, run by the grader's harness against a fresh app each.
 * Each case gets `t`: t.get/post/put/patch/delete(path, body?, headers?) and the
 * assertions expectStatus, expectHeader, expectContentType, expectJson, expectJsonMatch, fail.
 */

const DUNE = { title: 'Dune', author: 'Frank Herbert', year: 1965 };
const EARTHSEA = { title: 'A Wizard of Earthsea', author: 'Ursula K. Le Guin', year: 1968 };
const DISPOSSESSED = { title: 'The Dispossessed', author: 'Ursula K. Le Guin', year: 1974 };

/**
 * Creates a book for a test that is about something else: checks only what it needs (an
 * answer with the book's id), so that a wrong status is reported by the test about creating.
 */
async function create(t, book) {
  const res = await t.post('/books', book);
  t.expectStatus(res, [200, 201]);
  t.expectContentType(res, /json/);
  if (!Number.isInteger(res.body && res.body.id)) t.fail('POST /books: the answer should be the new book, with an integer id');
  return res.body;
}

/** A 400 or 404 answer with a JSON body carrying a string `error`. */
function expectError(t, res, status) {
  t.expectStatus(res, status);
  t.expectJsonMatch(res, { error: /\S/ });
}

module.exports = {
  'lists-no-books': async (t) => {
    const res = await t.get('/books');
    t.expectStatus(res, 200);
    t.expectJson(res, []);
  },

  'creates-book': async (t) => {
    const res = await t.post('/books', DUNE);
    t.expectStatus(res, 201);
    t.expectHeader(res, 'location', '/books/1');
    t.expectJson(res, { id: 1, ...DUNE });

    const shown = await t.get('/books/1');
    t.expectStatus(shown, 200);
    t.expectJson(shown, { id: 1, ...DUNE });
  },

  'lists-books-in-order': async (t) => {
    await create(t, DUNE);
    await create(t, EARTHSEA);
    const res = await t.get('/books');
    t.expectStatus(res, 200);
    t.expectJson(res, [
      { id: 1, ...DUNE },
      { id: 2, ...EARTHSEA },
    ]);
  },

  'missing-book-404': async (t) => {
    await create(t, DUNE);
    expectError(t, await t.get('/books/42'), 404);
    expectError(t, await t.get('/books/not-a-number'), 404);
  },

  'rejects-missing-title': async (t) => {
    expectError(t, await t.post('/books', { author: 'Frank Herbert', year: 1965 }), 400);
    const list = await t.get('/books');
    t.expectJson(list, []);
  },

  'keeps-spaces-refuses-blank': async (t) => {
    const padded = { title: ' Dune ', author: 'Frank Herbert ', year: 1965 };
    const res = await t.post('/books', padded);
    t.expectStatus(res, 201);
    t.expectJson(res, { id: 1, ...padded });
    expectError(t, await t.post('/books', { ...DUNE, title: '   ' }), 400);
    expectError(t, await t.post('/books', { ...DUNE, author: '\t\n' }), 400);
    const list = await t.get('/books');
    t.expectJson(list, [{ id: 1, ...padded }]);
  },

  'filters-by-author': async (t) => {
    await create(t, EARTHSEA);
    await create(t, DUNE);
    await create(t, DISPOSSESSED);
    const res = await t.get('/books?author=Ursula%20K.%20Le%20Guin');
    t.expectStatus(res, 200);
    t.expectJson(res, [
      { id: 1, ...EARTHSEA },
      { id: 3, ...DISPOSSESSED },
    ]);
    const none = await t.get('/books?author=Nobody');
    t.expectStatus(none, 200);
    t.expectJson(none, []);
  },

  'deletes-book': async (t) => {
    await create(t, DUNE);
    await create(t, EARTHSEA);
    const res = await t.delete('/books/1');
    t.expectStatus(res, 204);
    if (res.text !== '') t.fail('DELETE /books/1: a 204 answer has no body');
    expectError(t, await t.get('/books/1'), 404);
    const list = await t.get('/books');
    t.expectJson(list, [{ id: 2, ...EARTHSEA }]);
    expectError(t, await t.delete('/books/1'), 404);
  },

  'rejects-wrong-types': async (t) => {
    expectError(t, await t.post('/books', { ...DUNE, year: '1965' }), 400);
    expectError(t, await t.post('/books', { ...DUNE, year: 1965.5 }), 400);
    expectError(t, await t.post('/books', { ...DUNE, title: '' }), 400);
    expectError(t, await t.post('/books', { ...DUNE, author: 42 }), 400);
    expectError(t, await t.post('/books', [DUNE]), 400);
    expectError(t, await t.post('/books'), 400);
    const list = await t.get('/books');
    t.expectJson(list, []);
  },
};
