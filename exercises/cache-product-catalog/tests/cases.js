/**
 * Test cases of cache-product-catalog. Each case gets `t`: the REST test kit (see
 * rest-books-crud/tests/cases.js), `t.source` (the slow source: its requests counted, its data
 * changed behind the app's back) and `t.redis` (the test's Redis server, read as the grader):
 * harness/src/kinds/redis-cache/README.md. The `expect…` helpers of `t.source` and `t.redis`
 * fail a test as its check (its lesson named to the student); any other failure is ordinary.
 */
const SENCHA = { id: 1, name: 'Sencha', category: 'tea', price: 7.5 };
const ASSAM = { id: 2, name: 'Assam', category: 'tea', price: 6 };
const ESPRESSO = { id: 3, name: 'Espresso beans', category: 'coffee', price: 12.9 };
const ROOIBOS = { id: 5, name: 'Rooibos', category: 'tea', price: 5.25 };

async function getProduct(t, id, expected) {
  const res = await t.get(`/products/${id}`);
  t.expectStatus(res, 200);
  t.expectJson(res, expected);
}

async function getCategory(t, category, expected) {
  const res = await t.get(`/products?category=${encodeURIComponent(category)}`);
  t.expectStatus(res, 200);
  t.expectJson(res, expected);
}

async function put(t, id, body, status = 200) {
  const res = await t.put(`/products/${id}`, body);
  t.expectStatus(res, status);
  return res;
}

const PRODUCT_GETS = /^GET \/products\/\d+$/;
const LIST_GETS = /^GET \/products\?/;

module.exports = {
  'reads-products-and-lists': async (t) => {
    await getProduct(t, 1, SENCHA);
    await getProduct(t, 3, ESPRESSO);
    await getCategory(t, 'tea', [SENCHA, ASSAM, ROOIBOS]);
    await getCategory(t, 'pastry', []);
    const missing = await t.get('/products/99');
    t.expectStatus(missing, 404);
    t.expectJsonMatch(missing, { error: /\S/ });
  },

  'answers-repeated-reads-from-redis': async (t) => {
    for (let i = 0; i < 3; i += 1) await getProduct(t, 1, SENCHA);
    t.source.expectHits('GET /products/1', 1, 'three reads of one product should cost one request to the source');
    await t.redis.expectCached('product:1', 'what the app keeps should be kept in Redis');
    for (let i = 0; i < 3; i += 1) await getCategory(t, 'tea', [SENCHA, ASSAM, ROOIBOS]);
    t.source.expectHits(LIST_GETS, 1, 'three reads of one category should cost one request to the source');
    // Changed behind the app's back: a cache answers what it kept until the entry expires.
    t.source.write('/products/1', { ...SENCHA, price: 99 });
    await getProduct(t, 1, SENCHA);
    t.source.expectHits(PRODUCT_GETS, 1, 'a product in the cache should be answered from Redis');
  },

  'keeps-entries-under-their-keys-as-json': async (t) => {
    await getProduct(t, 2, ASSAM);
    await getProduct(t, 3, ESPRESSO);
    await getCategory(t, 'coffee', [ESPRESSO]);
    await t.redis.expectKeys(['product:2', 'product:3', 'products:category:coffee']);
    const kept = { 'product:2': ASSAM, 'product:3': ESPRESSO, 'products:category:coffee': [ESPRESSO] };
    for (const [key, value] of Object.entries(kept)) {
      const actual = await t.redis.value(key);
      if (JSON.stringify(actual) !== JSON.stringify(value) && !sameJson(actual, value)) t.fault(`${key} holds ${JSON.stringify(actual).slice(0, 200)}, expected the source's answer as JSON`);
    }
  },

  'gives-every-entry-its-ttl': async (t) => {
    await getProduct(t, 1, SENCHA);
    await getCategory(t, 'tea', [SENCHA, ASSAM, ROOIBOS]);
    await t.redis.expectTtl('product:1', { min: 240, max: 300 });
    await t.redis.expectTtl('products:category:tea', { min: 40, max: 60 });
    await put(t, 2, { name: 'Assam gold', category: 'tea', price: 8 });
    await getProduct(t, 2, { id: 2, name: 'Assam gold', category: 'tea', price: 8 });
    await t.redis.expectAllExpire(300);
  },

  'shows-a-change-at-once': async (t) => {
    await getProduct(t, 1, SENCHA);
    const changed = { name: 'Sencha Superior', category: 'tea', price: 9.75 };
    const res = await put(t, 1, changed);
    t.expectJson(res, { id: 1, ...changed });
    t.source.expectHits('PUT /products/1', 1);
    t.source.resetHits();
    await getProduct(t, 1, { id: 1, ...changed });
    await getProduct(t, 1, { id: 1, ...changed });
    if (t.source.read('/products/1').price !== 9.75) t.fail('the change should reach the source');
    // The fresh value is cached again: a change costs the next read at most one request.
    t.source.expectAtMostHits('GET /products/1', 1, 'after a change, the product should be read from the source once and cached again');
    // A change the source refuses changes nothing, in the source or in the cache.
    await getProduct(t, 2, ASSAM);
    t.source.fail('/products/2', 503);
    const failed = await put(t, 2, { name: 'Assam', category: 'tea', price: 0 }, 502);
    t.expectJsonMatch(failed, { error: /\S/ });
    await getProduct(t, 2, ASSAM);
    // A price of 0 is a valid price.
    t.expectJson(await put(t, 2, { name: 'Assam', category: 'tea', price: 0 }), { ...ASSAM, price: 0 });
    await getProduct(t, 2, { ...ASSAM, price: 0 });
  },

  'keeps-category-lists-fresh-after-a-move': async (t) => {
    await getCategory(t, 'tea', [SENCHA, ASSAM, ROOIBOS]);
    await getCategory(t, 'coffee', [ESPRESSO]);
    await getCategory(t, 'equipment', [{ id: 4, name: 'French press', category: 'equipment', price: 24 }]);
    // Sencha moves from tea to coffee: both lists change.
    await put(t, 1, { name: 'Sencha', category: 'coffee', price: 7.5 });
    await getCategory(t, 'tea', [ASSAM, ROOIBOS]);
    await getCategory(t, 'coffee', [{ ...SENCHA, category: 'coffee' }, ESPRESSO]);
    // A price change keeps the category, whose list shows the new price.
    await put(t, 5, { name: 'Rooibos', category: 'tea', price: 4 });
    await getCategory(t, 'tea', [ASSAM, { ...ROOIBOS, price: 4 }]);
  },

  'keeps-no-missing-product-and-no-failure': async (t) => {
    const missing = await t.get('/products/6');
    t.expectStatus(missing, 404);
    t.expectJsonMatch(missing, { error: /\S/ });
    t.source.write('/products/6', { name: 'Matcha', category: 'tea', price: 18 });
    const appeared = await t.get('/products/6');
    if (appeared.status === 404) t.fault('a 404 of the source was kept: the product that appeared since is still not found');
    t.expectStatus(appeared, 200);
    t.expectJson(appeared, { id: 6, name: 'Matcha', category: 'tea', price: 18 });

    t.source.fail('/products/2', 503);
    const failed = await t.get('/products/2');
    t.expectStatus(failed, 502);
    t.expectJsonMatch(failed, { error: /\S/ });
    await t.redis.expectNotCached('product:2', 'a failure of the source is not data');
    await getProduct(t, 2, ASSAM);

    t.source.fail(/^\/products$/, 503);
    const listFailed = await t.get('/products?category=coffee');
    t.expectStatus(listFailed, 502);
    t.expectJsonMatch(listFailed, { error: /\S/ });
    await t.redis.expectNotCached('products:category:coffee', 'a failure of the source is not data');
    await getCategory(t, 'coffee', [ESPRESSO]);
  },

  'validates-changes-before-the-source': async (t) => {
    await getProduct(t, 3, ESPRESSO);
    for (const body of [{ name: '', category: 'coffee', price: 1 }, { name: 'X', category: 'coffee', price: -1 }, { name: 'X', category: 'coffee', price: '12' }, { name: 'X', price: 1 }, { name: 'X', category: 7, price: 1 }]) {
      const res = await put(t, 3, body, 400);
      t.expectJsonMatch(res, { error: /\S/ });
    }
    t.source.expectHits(/^PUT /, 0, 'an invalid change should not reach the source');
    await getProduct(t, 3, ESPRESSO);
    const unknown = await put(t, 77, { name: 'Ghost', category: 'tea', price: 1 }, 404);
    t.expectJsonMatch(unknown, { error: /\S/ });
  },

  'keeps-one-entry-per-product': async (t) => {
    await getProduct(t, 1, SENCHA);
    await getProduct(t, 2, ASSAM);
    await getProduct(t, 5, ROOIBOS);
    await getProduct(t, 1, SENCHA);
    await getCategory(t, 'tea', [SENCHA, ASSAM, ROOIBOS]);
    await getCategory(t, 'coffee', [ESPRESSO]);
    t.source.expectHits(PRODUCT_GETS, 3, 'each product should be read from the source once');
    await t.redis.expectKeys(['product:1', 'product:2', 'product:5', 'products:category:coffee', 'products:category:tea']);
  },
};

/** Deep equality of JSON values, key order aside. */
function sameJson(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return a === b;
}
