/**
 * Test cases of py-cache-order-summary. Each case gets `t`: the REST test kit (see
 * rest-books-crud/tests/cases.js), `t.source` (the slow source: its requests counted, its data
 * changed behind the app's back) and `t.redis` (the test's Redis server, read as the grader):
 * harness/src/kinds/redis-cache/README.md. The `expect…` helpers of `t.source` and `t.redis`
 * fail a test as its check (its lesson named to the student); any other failure is ordinary.
 *
 * The app may ask the source for a user's orders as `GET /orders?userId=<id>` or fetch them all
 * (`GET /orders`) and filter them itself: requests are counted by pattern, never by their exact
 * query string. After a change it may delete the summary or write the new one (write-through).
 */
const ADA_USER = { id: 1, name: 'Ada Lovelace', email: 'ada@example.com' };
const GRACE_USER = { id: 3, name: 'Grace Hopper', email: 'grace@example.com' };

const ADA = { userId: 1, name: 'Ada Lovelace', orderCount: 2, totalSpent: 25.49 };
const BRIAN = { userId: 2, name: 'Brian Kernighan', orderCount: 1, totalSpent: 42 };
const GRACE = { userId: 3, name: 'Grace Hopper', orderCount: 3, totalSpent: 12.64 };
const LINUS = { userId: 4, name: 'Linus Torvalds', orderCount: 0, totalSpent: 0 };
const SUMMARIES = { 1: ADA, 2: BRIAN, 3: GRACE, 4: LINUS };

/** Any read of users or of orders, whatever its query: `/users/1`, `/orders?userId=1`, `/orders`. */
const USER_GETS = /^GET \/users(\/|\?|$)/;
const ORDER_GETS = /^GET \/orders(\/|\?|$)/;

async function getSummary(t, id, expected) {
  const res = await t.get(`/users/${id}/summary`);
  t.expectStatus(res, 200);
  t.expectJson(res, expected);
  return res;
}

/** A read after a change: the summary from before the change is a cache fault (invalidation). */
async function getFresh(t, id, expected, before) {
  const res = await t.get(`/users/${id}/summary`);
  t.expectStatus(res, 200);
  if (sameJson(res.body, before) && !sameJson(before, expected)) t.fault(`GET /users/${id}/summary still answered the summary from before the change: ${JSON.stringify(res.body)}`);
  t.expectJson(res, expected);
  return res;
}

/** A read that must be this user's own summary: another user's is a cache fault (isolation). */
async function getOwn(t, id, expected) {
  const res = await t.get(`/users/${id}/summary`);
  t.expectStatus(res, 200);
  const body = res.body;
  if (body && typeof body === 'object' && 'userId' in body && body.userId !== id) t.fault(`GET /users/${id}/summary answered the summary of user ${JSON.stringify(body.userId)}`);
  for (const [other, summary] of Object.entries(SUMMARIES)) {
    if (Number(other) !== id && sameJson(body, summary)) t.fault(`GET /users/${id}/summary answered the summary of user ${other}`);
  }
  t.expectJson(res, expected);
  return res;
}

async function send(t, method, path, body, status) {
  const res = await t.send(method, path, { json: body });
  t.expectStatus(res, status);
  if (status >= 400) t.expectJsonMatch(res, { error: /\S/ });
  return res;
}

module.exports = {
  'reads-summaries': async (t) => {
    await getSummary(t, 1, ADA);
    await getSummary(t, 2, BRIAN);
    await getSummary(t, 3, GRACE);
    await getSummary(t, 4, LINUS);
    const missing = await t.get('/users/99/summary');
    t.expectStatus(missing, 404);
    t.expectJsonMatch(missing, { error: /\S/ });
  },

  'answers-repeated-summaries-from-redis': async (t) => {
    for (let i = 0; i < 3; i += 1) await getSummary(t, 1, ADA);
    t.source.expectHits(USER_GETS, 1, "three reads of one summary should ask the source for the user once");
    t.source.expectHits(ORDER_GETS, 1, "three reads of one summary should ask the source for the orders once");
    // A user without orders has a summary too, and it is kept like any other.
    for (let i = 0; i < 2; i += 1) await getSummary(t, 4, LINUS);
    t.source.expectHits(USER_GETS, 2, 'a summary with no orders should be kept in Redis too');
    t.source.expectHits(ORDER_GETS, 2, 'a summary with no orders should be kept in Redis too');
    // Changed behind the app's back: a cache answers what it kept until the entry expires.
    t.source.write('/users/1', { ...ADA_USER, name: 'Augusta Ada King' });
    await getSummary(t, 1, ADA);
    t.source.expectHits(undefined, 4, 'a summary in the cache should be answered from Redis');
  },

  'keeps-summaries-under-their-keys-as-json': async (t) => {
    await getSummary(t, 2, BRIAN);
    await getSummary(t, 4, LINUS);
    await t.redis.expectKeys(['summary:2', 'summary:4']);
    for (const [key, value] of [['summary:2', BRIAN], ['summary:4', LINUS]]) {
      const actual = await t.redis.value(key);
      if (!sameJson(actual, value)) t.fault(`${key} holds ${JSON.stringify(actual).slice(0, 200)}, expected the summary as a JSON string`);
    }
    // Changes keep to the same keys: a summary, deleted or written again, and nothing else.
    await send(t, 'POST', '/orders', { userId: 2, total: 8 }, 201);
    await send(t, 'PATCH', '/orders/6', { status: 'cancelled' }, 200);
    await send(t, 'PATCH', '/users/1', { name: 'Ada King' }, 200);
    await getSummary(t, 2, { ...BRIAN, orderCount: 2, totalSpent: 50 });
    const keys = await t.redis.keys();
    const stray = keys.filter((key) => !/^summary:[1-4]$/.test(key));
    if (stray.length > 0) t.fault(`Redis holds ${stray.slice(0, 5).join(', ')}: only summary:<id> keys are asked for`);
    await t.redis.expectCached('summary:2');
  },

  'gives-every-summary-its-ttl': async (t) => {
    await getSummary(t, 1, ADA);
    await t.redis.expectTtl('summary:1', { min: 100, max: 120 });
    await getSummary(t, 3, GRACE);
    await send(t, 'POST', '/orders', { userId: 1, total: 10.01 }, 201);
    await send(t, 'PATCH', '/orders/6', { status: 'cancelled' }, 200);
    await send(t, 'PATCH', '/users/2', { name: 'Brian W. Kernighan' }, 200);
    await t.redis.expectAllExpire(120);
    await getSummary(t, 1, { ...ADA, orderCount: 3, totalSpent: 35.5 });
    await t.redis.expectTtl('summary:1', { min: 100, max: 120 });
    await getSummary(t, 2, { ...BRIAN, name: 'Brian W. Kernighan' });
    await t.redis.expectTtl('summary:2', { min: 100, max: 120 });
    await t.redis.expectAllExpire(120);
  },

  'shows-a-new-order-at-once': async (t) => {
    await getSummary(t, 1, ADA);
    const res = await send(t, 'POST', '/orders', { userId: 1, total: 10.01 }, 201);
    t.expectJson(res, { id: 9, userId: 1, total: 10.01, status: 'placed' });
    t.source.expectHits('POST /orders', 1);
    const stored = t.source.read('/orders/9');
    if (!stored || stored.userId !== 1 || stored.total !== 10.01 || stored.status !== 'placed') t.fail(`the new order should reach the source with status "placed": it holds ${JSON.stringify(stored)}`);
    const after = { ...ADA, orderCount: 3, totalSpent: 35.5 };
    await getFresh(t, 1, after, ADA);
    await getFresh(t, 1, after, ADA);
    // A user whose summary says no orders yet.
    await getSummary(t, 4, LINUS);
    await send(t, 'POST', '/orders', { userId: 4, total: 3 }, 201);
    await getFresh(t, 4, { ...LINUS, orderCount: 1, totalSpent: 3 }, LINUS);
  },

  'shows-a-status-change-at-once': async (t) => {
    await getSummary(t, 2, BRIAN);
    await getSummary(t, 1, ADA);
    // Order 4 is Brian's: the app learns whose it is from the source's answer.
    const res = await send(t, 'PATCH', '/orders/4', { status: 'cancelled' }, 200);
    t.expectJson(res, { id: 4, userId: 2, total: 42, status: 'cancelled' });
    await getFresh(t, 2, { ...BRIAN, orderCount: 0, totalSpent: 0 }, BRIAN);
    await getSummary(t, 1, ADA);
    // Ada's cancelled order placed again, and cancelled again.
    const placed = { ...ADA, orderCount: 3, totalSpent: 125.5 };
    await send(t, 'PATCH', '/orders/3', { status: 'placed' }, 200);
    await getFresh(t, 1, placed, ADA);
    await send(t, 'PATCH', '/orders/3', { status: 'cancelled' }, 200);
    await getFresh(t, 1, ADA, placed);
    if (t.source.read('/orders/3').status !== 'cancelled') t.fail('the change should reach the source');
  },

  'shows-a-new-name-at-once': async (t) => {
    await getSummary(t, 3, GRACE);
    const res = await send(t, 'PATCH', '/users/3', { name: 'Grace Brewster Hopper' }, 200);
    t.expectJson(res, { ...GRACE_USER, name: 'Grace Brewster Hopper' });
    await getFresh(t, 3, { ...GRACE, name: 'Grace Brewster Hopper' }, GRACE);
    await getFresh(t, 3, { ...GRACE, name: 'Grace Brewster Hopper' }, GRACE);
    if (t.source.read('/users/3').name !== 'Grace Brewster Hopper') t.fail('the change should reach the source');
  },

  'keeps-no-missing-user-and-no-failure': async (t) => {
    const missing = await t.get('/users/5/summary');
    t.expectStatus(missing, 404);
    t.expectJsonMatch(missing, { error: /\S/ });
    t.source.write('/users/5', { name: 'Margaret Hamilton', email: 'margaret@example.com' });
    t.source.write('/orders/9', { userId: 5, total: 8.8, status: 'placed' });
    const appeared = await t.get('/users/5/summary');
    if (appeared.status === 404) t.fault('a 404 of the source was kept: the user who appeared since is still not found');
    t.expectStatus(appeared, 200);
    t.expectJson(appeared, { userId: 5, name: 'Margaret Hamilton', orderCount: 1, totalSpent: 8.8 });

    t.source.fail('/orders', 503);
    const failed = await t.get('/users/2/summary');
    t.expectStatus(failed, 502);
    t.expectJsonMatch(failed, { error: /\S/ });
    await t.redis.expectNotCached('summary:2', 'a failure of the source is not data');
    await getSummary(t, 2, BRIAN);

    // The user's read fails, however the app asks for it (`/users/3`, or `/users?id=3`).
    t.source.fail(/^\/users(\/3)?$/, 500);
    const failedUser = await t.get('/users/3/summary');
    t.expectStatus(failedUser, 502);
    t.expectJsonMatch(failedUser, { error: /\S/ });
    await t.redis.expectNotCached('summary:3', 'a failure of the source is not data');
    await getSummary(t, 3, GRACE);
  },

  'validates-changes-before-the-source': async (t) => {
    await getSummary(t, 1, ADA);
    t.source.resetHits();
    const orders = [{ userId: '1', total: 5 }, { userId: 1, total: 0 }, { userId: 1, total: -2.5 }, { userId: 1, total: '5' }, { userId: 1 }, { total: 5 }, { userId: 1.5, total: 5 }, { userId: null, total: 5 }];
    for (const body of orders) await send(t, 'POST', '/orders', body, 400);
    for (const body of [{}, { status: 'shipped' }, { status: 'CANCELLED' }, { status: 1 }]) await send(t, 'PATCH', '/orders/1', body, 400);
    for (const body of [{}, { name: '' }, { name: 7 }, { name: null }]) await send(t, 'PATCH', '/users/1', body, 400);
    if (t.source.hits() !== 0) t.fail(`an invalid change should not reach the source: it got ${t.source.requests().map((r) => `${r.method} ${r.path}`).slice(0, 3).join(', ')}`);
    await getSummary(t, 1, ADA);

    await send(t, 'POST', '/orders', { userId: 99, total: 5 }, 404);
    if (t.source.hits(/^POST /) !== 0) t.fail('an order for a user who does not exist should not reach the source');
    await send(t, 'PATCH', '/orders/99', { status: 'cancelled' }, 404);
    await send(t, 'PATCH', '/users/99', { name: 'Nobody' }, 404);
    await t.redis.expectNotCached('summary:99');
    await getSummary(t, 1, ADA);
  },

  'keeps-each-users-summary-apart': async (t) => {
    for (const id of [1, 2, 3, 1, 4, 2, 3, 4]) await getOwn(t, id, SUMMARIES[id]);
    for (const id of [1, 2, 3, 4]) {
      const kept = await t.redis.value(`summary:${id}`);
      if (kept && typeof kept === 'object' && 'userId' in kept && kept.userId !== id) t.fault(`summary:${id} holds the summary of user ${JSON.stringify(kept.userId)}`);
    }
    // Order 2 is Ada's: a change to it must not reach the summary of user 2 (or any other's).
    // Ada's own summary is the invalidation tests' business, not read here.
    await send(t, 'PATCH', '/orders/2', { status: 'cancelled' }, 200);
    for (const id of [2, 3, 4]) await getOwn(t, id, SUMMARIES[id]);
    for (const id of [2, 3, 4]) {
      const kept = await t.redis.value(`summary:${id}`);
      if (kept && typeof kept === 'object' && 'userId' in kept && kept.userId !== id) t.fault(`summary:${id} holds the summary of user ${JSON.stringify(kept.userId)}`);
    }
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
