/** Test cases of rest-products-pagination. Each case gets `t` (see rest-books-crud/tests/cases.js). */

const CATEGORIES = ['kitchen', 'garden', 'office'];

/** The i-th product of the fixed catalogue (1-based): prices and categories vary. */
function product(i) {
  return { name: `product ${i}`, category: CATEGORIES[i % 3], priceCents: (i * 700) % 5000 };
}

async function seed(t, count) {
  const all = [];
  for (let i = 1; i <= count; i += 1) {
    const res = await t.post('/products', product(i));
    t.expectStatus(res, [200, 201]);
    all.push({ id: i, ...product(i) });
  }
  return all;
}

function expectError(t, res, status) {
  t.expectStatus(res, status);
  t.expectJsonMatch(res, { error: /\S/ });
}

module.exports = {
  'creates-product': async (t) => {
    const res = await t.post('/products', { name: 'Kettle', category: 'kitchen', priceCents: 3500 });
    t.expectStatus(res, 201);
    t.expectHeader(res, 'location', '/products/1');
    t.expectJson(res, { id: 1, name: 'Kettle', category: 'kitchen', priceCents: 3500 });
    const shown = await t.get('/products/1');
    t.expectStatus(shown, 200);
    expectError(t, await t.get('/products/2'), 404);
  },

  'first-and-last-pages': async (t) => {
    const all = await seed(t, 23);
    const first = await t.get('/products');
    t.expectStatus(first, 200);
    t.expectJson(first, { items: all.slice(0, 10), page: 1, pageSize: 10, total: 23, totalPages: 3 });
    const last = await t.get('/products?page=3');
    t.expectJson(last, { items: all.slice(20), page: 3, pageSize: 10, total: 23, totalPages: 3 });
    const after = await t.get('/products?page=4');
    t.expectStatus(after, 200);
    t.expectJson(after, { items: [], page: 4, pageSize: 10, total: 23, totalPages: 3 });
  },

  'page-size': async (t) => {
    const all = await seed(t, 12);
    const res = await t.get('/products?page=2&pageSize=5');
    t.expectStatus(res, 200);
    t.expectJson(res, { items: all.slice(5, 10), page: 2, pageSize: 5, total: 12, totalPages: 3 });
  },

  'filters-count-in-total': async (t) => {
    const all = await seed(t, 15);
    const kitchen = all.filter((p) => p.category === 'kitchen');
    const res = await t.get('/products?category=kitchen');
    t.expectStatus(res, 200);
    t.expectJson(res, { items: kitchen, page: 1, pageSize: 10, total: kitchen.length, totalPages: 1 });
    const band = all.filter((p) => p.priceCents >= 1000 && p.priceCents <= 3000);
    const priced = await t.get('/products?minPrice=1000&maxPrice=3000&pageSize=50');
    t.expectJson(priced, { items: band, page: 1, pageSize: 50, total: band.length, totalPages: 1 });
  },

  'invalid-parameters-400': async (t) => {
    await seed(t, 3);
    for (const query of ['page=0', 'page=two', 'pageSize=51', 'pageSize=2.5', 'minPrice=-1']) {
      expectError(t, await t.get(`/products?${query}`), 400);
    }
  },

  'filters-and-pages-together': async (t) => {
    const all = await seed(t, 20);
    const garden = all.filter((p) => p.category === 'garden' && p.priceCents >= 500);
    const res = await t.get('/products?category=garden&minPrice=500&pageSize=2&page=2');
    t.expectStatus(res, 200);
    t.expectJson(res, { items: garden.slice(2, 4), page: 2, pageSize: 2, total: garden.length, totalPages: Math.ceil(garden.length / 2) });
  },

  'rejects-invalid-products': async (t) => {
    expectError(t, await t.post('/products', { name: 'Rake', category: 'garden', priceCents: -5 }), 400);
    expectError(t, await t.post('/products', { name: 'Rake', category: 'garden', priceCents: 9.99 }), 400);
    expectError(t, await t.post('/products', { category: 'garden', priceCents: 100 }), 400);
    const res = await t.get('/products');
    t.expectJson(res, { items: [], page: 1, pageSize: 10, total: 0, totalPages: 0 });
  },
};
