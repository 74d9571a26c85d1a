/**
 * Test cases of graphql-library. Each case gets `t`: the REST test kit, `t.graphql` (queries and
 * their assertions) and `t.source` (the backend's requests, counted):
 * harness/src/kinds/graphql-endpoint/README.md. `t.graphql.expectError`, `expectRequestError`
 * and `t.source.expectAtMostHits` fail a test as its check (its lesson named to the student).
 */
const BOOKS = [
  { id: '1', title: 'A Wizard of Earthsea', year: 1968 },
  { id: '2', title: 'Dune', year: 1965 },
  { id: '3', title: 'The Left Hand of Darkness', year: 1969 },
  { id: '4', title: 'Kindred', year: 1979 },
  { id: '5', title: 'Dune Messiah', year: 1969 },
  { id: '6', title: 'The Dispossessed', year: 1974 },
  { id: '7', title: 'Parable of the Sower', year: 1993 },
];
const AUTHOR_OF = { 1: 'Ursula K. Le Guin', 2: 'Frank Herbert', 3: 'Ursula K. Le Guin', 4: 'Octavia E. Butler', 5: 'Frank Herbert', 6: 'Ursula K. Le Guin', 7: 'Octavia E. Butler' };
const STARS_OF = { 1: [5, 3], 2: [4, 5, 2], 3: [], 4: [5], 5: [], 6: [4], 7: [] };
const AVERAGE_OF = { 1: 4, 2: 3.67, 3: null, 4: 5, 5: null, 6: 4, 7: null };

async function expectData(t, query, data, variables) {
  const res = await t.graphql.query(query, variables);
  t.graphql.expectData(res, data);
}

module.exports = {
  'reads-a-book-and-an-author': async (t) => {
    await expectData(t, '{ book(id: "2") { id title year author { id name born } } }', { book: { id: '2', title: 'Dune', year: 1965, author: { id: '2', name: 'Frank Herbert', born: 1920 } } });
    await expectData(t, 'query One($id: ID!) { book(id: $id) { title } }', { book: { title: 'Kindred' } }, { id: '4' });
    await expectData(t, '{ book(id: "99") { title } author(id: "99") { name } }', { book: null, author: null });
    await expectData(t, '{ author(id: "4") { name born books { title } } }', { author: { name: 'Ted Chiang', born: null, books: [] } });
  },

  'lists-books-by-year-and-first': async (t) => {
    await expectData(t, '{ books { id title year } }', { books: BOOKS });
    await expectData(t, '{ books(year: 1969) { title } }', { books: [{ title: 'The Left Hand of Darkness' }, { title: 'Dune Messiah' }] });
    await expectData(t, '{ books(first: 3) { id } }', { books: [{ id: '1' }, { id: '2' }, { id: '3' }] });
    await expectData(t, '{ books(year: 1969, first: 1) { title } }', { books: [{ title: 'The Left Hand of Darkness' }] });
    await expectData(t, '{ books(year: 1800) { id } }', { books: [] });
  },

  'resolves-a-nested-list-in-three-requests': async (t) => {
    await expectData(t, '{ books { title author { name } reviews { stars } } }', {
      books: BOOKS.map((b) => ({ title: b.title, author: { name: AUTHOR_OF[b.id] }, reviews: STARS_OF[b.id].map((stars) => ({ stars })) })),
    });
    t.source.expectAtMostHits(/^GET \/authors/, 1, 'the authors of all the books should cost one request');
    t.source.expectAtMostHits(/^GET \/reviews/, 1, 'the reviews of all the books should cost one request');
    t.source.expectAtMostHits(undefined, 3, 'books, their authors and their reviews: three requests');
    // The next request reads the backend afresh (nothing kept from the last), in three requests again.
    t.source.write('/authors/2', { name: 'Frank P. Herbert', born: 1920 });
    t.source.resetHits();
    await expectData(t, '{ books(year: 1965) { author { name } } }', { books: [{ author: { name: 'Frank P. Herbert' } }] });
    t.source.resetHits();
    await expectData(t, '{ books(first: 3) { author { name books { id } } } }', {
      books: [
        { author: { name: 'Ursula K. Le Guin', books: [{ id: '1' }, { id: '3' }, { id: '6' }] } },
        { author: { name: 'Frank P. Herbert', books: [{ id: '2' }, { id: '5' }] } },
        { author: { name: 'Ursula K. Le Guin', books: [{ id: '1' }, { id: '3' }, { id: '6' }] } },
      ],
    });
    t.source.expectAtMostHits(undefined, 3, "books, their authors and the authors' books: three requests");
  },

  'resolves-an-author-tree-in-three-requests': async (t) => {
    await expectData(t, '{ author(id: "1") { name books { title averageStars reviews { stars text } } } }', {
      author: {
        name: 'Ursula K. Le Guin',
        books: [
          { title: 'A Wizard of Earthsea', averageStars: 4, reviews: [{ stars: 5, text: 'A classic.' }, { stars: 3, text: 'Slow start.' }] },
          { title: 'The Left Hand of Darkness', averageStars: null, reviews: [] },
          { title: 'The Dispossessed', averageStars: 4, reviews: [{ stars: 4, text: null }] },
        ],
      },
    });
    t.source.expectAtMostHits(/^GET \/reviews/, 1, 'the reviews of all the books should cost one request, averages included');
    t.source.expectAtMostHits(undefined, 3, 'an author, their books and the books\' reviews: three requests');
  },

  'computes-averages-and-keeps-nulls': async (t) => {
    await expectData(t, '{ books { id averageStars } }', { books: BOOKS.map((b) => ({ id: b.id, averageStars: AVERAGE_OF[b.id] })) });
    await expectData(t, '{ book(id: "2") { reviews { id stars text } } }', {
      book: { reviews: [{ id: '2', stars: 4, text: null }, { id: '3', stars: 5, text: 'Spice must flow.' }, { id: '7', stars: 2, text: 'Too long.' }] },
    });
  },

  'adds-books-and-reviews': async (t) => {
    // Read before the changes: an app that keeps loaders (and their caches) across requests shows these again after them.
    await expectData(t, '{ author(id: "4") { books { title } } book(id: "4") { averageStars } }', { author: { books: [] }, book: { averageStars: 5 } });
    await expectData(t, 'mutation { addBook(input: { title: "Exhalation", year: 2019, authorId: "4" }) { id title year author { name } } }', {
      addBook: { id: '8', title: 'Exhalation', year: 2019, author: { name: 'Ted Chiang' } },
    });
    await expectData(t, 'mutation Add($text: String) { addReview(bookId: "8", stars: 5, text: $text) { id stars text } }', { addReview: { id: '8', stars: 5, text: 'Wow.' } }, { text: 'Wow.' });
    await expectData(t, 'mutation { addReview(bookId: "8", stars: 4) { stars text } }', { addReview: { stars: 4, text: null } });
    await expectData(t, '{ author(id: "4") { books { title averageStars } } }', { author: { books: [{ title: 'Exhalation', averageStars: 4.5 }] } });
    await expectData(t, 'mutation { addReview(bookId: "4", stars: 1) { stars } }', { addReview: { stars: 1 } });
    await expectData(t, '{ book(id: "4") { averageStars reviews { stars } } }', { book: { averageStars: 3, reviews: [{ stars: 5 }, { stars: 1 }] } });
    const stored = t.source.read('/books/8');
    if (!stored || String(stored.authorId) !== '4') t.fail(`the new book should be stored in the backend with authorId 4, found ${JSON.stringify(stored)}`);
  },

  'refuses-bad-input-and-stores-nothing': async (t) => {
    const refused = [
      ['addBook', 'mutation { addBook(input: { title: "   ", year: 2000, authorId: "1" }) { id } }'],
      ['addBook', 'mutation { addBook(input: { title: "Old", year: 1300, authorId: "1" }) { id } }'],
      ['addBook', 'mutation { addBook(input: { title: "Far", year: 2101, authorId: "1" }) { id } }'],
      ['addBook', 'mutation { addBook(input: { title: "Ghost", year: 2000, authorId: "99" }) { id } }'],
      ['addReview', 'mutation { addReview(bookId: "1", stars: 0) { id } }'],
      ['addReview', 'mutation { addReview(bookId: "1", stars: 6) { id } }'],
      ['addReview', 'mutation { addReview(bookId: "99", stars: 3) { id } }'],
    ];
    for (const [field, mutation] of refused) {
      t.graphql.expectError(await t.graphql.query(mutation), { path: [field], code: 'BAD_USER_INPUT', data: null });
    }
    t.source.expectHits(/^POST /, 0, 'a refused input should store nothing');
    t.graphql.expectError(await t.graphql.query('{ books(first: 0) { id } }'), { path: ['books'], data: null });
    t.graphql.expectError(await t.graphql.query('{ books(first: 51) { id } }'), { path: ['books'], data: null });
    await expectData(t, 'mutation { addBook(input: { title: "Edge", year: 1450, authorId: "3" }) { year } }', { addBook: { year: 1450 } });
  },

  'reports-backend-failures-at-their-path': async (t) => {
    t.source.fail(/^\/reviews/, 503);
    t.graphql.expectError(await t.graphql.query('{ book(id: "1") { title reviews { stars } } }'), { path: ['book', 'reviews'], data: { book: null } });
    t.source.fail('/books/2', 503);
    t.graphql.expectError(await t.graphql.query('{ a: book(id: "1") { title } b: book(id: "2") { title } }'), { path: ['b'], data: { a: { title: 'A Wizard of Earthsea' }, b: null } });
  },

  'refuses-documents-the-schema-does-not-allow': async (t) => {
    t.graphql.expectRequestError(await t.graphql.query('{ book(id: "1") { isbn } }'));
    t.graphql.expectRequestError(await t.graphql.query('query Q($id: ID!) { book(id: $id) { title } }', { id: { nested: true } }));
    t.graphql.expectRequestError(await t.graphql.query('{ book(id: "1") { title }'));
  },
};
