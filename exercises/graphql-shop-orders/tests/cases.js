/**
 * Test cases of graphql-shop-orders. Each case gets `t`: the REST test kit, `t.graphql` (queries
 * and their assertions) and `t.source` (the backend's requests, counted):
 * harness/src/kinds/graphql-endpoint/README.md. `t.graphql.expectError`, `expectRequestError`
 * and `t.source.expectAtMostHits` fail a test as its check (its lesson named to the student).
 */
const PRODUCTS = { 1: ['Keyboard', 4999], 2: ['Mouse', 1999], 3: ['Monitor', 18900], 4: ['USB-C cable', 599], 5: ['Desk lamp', 2450], 6: ['Webcam', 5900] };
const CUSTOMERS = { 1: ['Ada Lovelace', 'gold'], 2: ['Grace Hopper', 'standard'], 3: ['Alan Turing', 'standard'], 4: ['Barbara Liskov', 'gold'] };
/** id: [customerId, status, [[productId, quantity], …] in line order] */
const ORDERS = {
  1: [1, 'SHIPPED', [[1, 1], [2, 2]]],
  2: [2, 'OPEN', [[3, 1], [4, 2]]],
  3: [1, 'OPEN', [[4, 3], [2, 1]]],
  4: [3, 'CANCELLED', [[5, 2]]],
  5: [2, 'SHIPPED', [[1, 1]]],
  6: [3, 'OPEN', [[4, 5]]],
  7: [1, 'OPEN', [[3, 2], [5, 1]]],
  8: [2, 'OPEN', [[2, 4]]],
};
const total = (id) => ORDERS[id][2].reduce((sum, [p, q]) => sum + PRODUCTS[p][1] * q, 0);
const cursor = (id) => Buffer.from(`order:${id}`, 'utf8').toString('base64');
/** A connection of those orders, each node as `node(id)` makes it. */
const connection = (ids, hasNextPage, node = (id) => ({ id: String(id) })) => ({
  edges: ids.map((id) => ({ cursor: cursor(id), node: node(id) })),
  pageInfo: { hasNextPage, endCursor: ids.length ? cursor(ids[ids.length - 1]) : null },
});
const ALL_ORDERS_BATCHED = '{ orders(first: 5) { edges { node { customer { name } lines { quantity product { name } } totalCents } } } }';
const batchedNode = (id) => ({
  customer: { name: CUSTOMERS[ORDERS[id][0]][0] },
  lines: ORDERS[id][2].map(([p, q]) => ({ quantity: q, product: { name: PRODUCTS[p][0] } })),
  totalCents: total(id),
});

async function expectData(t, query, data, variables) {
  const res = await t.graphql.query(query, variables);
  t.graphql.expectData(res, data);
}

module.exports = {
  'reads-an-order-and-a-customer': async (t) => {
    await expectData(t, '{ order(id: "3") { id status customer { id name tier } lines { quantity product { id name priceCents } } } }', {
      order: {
        id: '3',
        status: 'OPEN',
        customer: { id: '1', name: 'Ada Lovelace', tier: 'gold' },
        lines: [{ quantity: 3, product: { id: '4', name: 'USB-C cable', priceCents: 599 } }, { quantity: 1, product: { id: '2', name: 'Mouse', priceCents: 1999 } }],
      },
    });
    await expectData(t, 'query One($id: ID!) { order(id: $id) { status } }', { order: { status: 'CANCELLED' } }, { id: '4' });
    await expectData(t, '{ order(id: "99") { id } customer(id: "99") { name } }', { order: null, customer: null });
    await expectData(t, '{ customer(id: "2") { name tier orders { id status } } }', {
      customer: { name: 'Grace Hopper', tier: 'standard', orders: [{ id: '2', status: 'OPEN' }, { id: '5', status: 'SHIPPED' }, { id: '8', status: 'OPEN' }] },
    });
    await expectData(t, 'query Q($s: OrderStatus) { customer(id: "1") { open: orders(status: OPEN) { id } shipped: orders(status: $s) { id } } }', {
      customer: { open: [{ id: '3' }, { id: '7' }], shipped: [{ id: '1' }] },
    }, { s: 'SHIPPED' });
    await expectData(t, '{ customer(id: "4") { name tier orders { id } } }', { customer: { name: 'Barbara Liskov', tier: 'gold', orders: [] } });
  },

  'pages-through-orders-with-cursors': async (t) => {
    await expectData(t, '{ orders { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }', { orders: connection([1, 2, 3, 4, 5], true) });
    await expectData(t, 'query Next($after: String) { orders(after: $after) { edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }', {
      orders: connection([6, 7, 8], false, (id) => ({ id: String(id), status: ORDERS[id][1] })),
    }, { after: cursor(5) });
    const page = '($after: String) { orders(status: OPEN, first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';
    await expectData(t, `query${page}`, { orders: connection([2, 3], true) });
    await expectData(t, `query${page}`, { orders: connection([6, 7], true) }, { after: cursor(3) });
    // The last page holds exactly `first` orders: nothing comes after it.
    await expectData(t, `query${page}`, { orders: connection([7, 8], false) }, { after: cursor(6) });
    await expectData(t, `query${page}`, { orders: connection([8], false) }, { after: cursor(7) });
    // A cursor of an order that is not in the filtered list still says where to go on from.
    await expectData(t, `query${page}`, { orders: connection([6, 7], true) }, { after: cursor(4) });
    await expectData(t, '{ orders(status: CANCELLED) { edges { node { id status } } pageInfo { hasNextPage } } }', {
      orders: { edges: [{ node: { id: '4', status: 'CANCELLED' } }], pageInfo: { hasNextPage: false } },
    });
    await expectData(t, `{ orders(status: SHIPPED, after: "${cursor(5)}") { edges { cursor } pageInfo { hasNextPage endCursor } } }`, { orders: connection([], false) });
  },

  'batches-an-order-page-in-four-requests': async (t) => {
    await expectData(t, ALL_ORDERS_BATCHED, { orders: { edges: [1, 2, 3, 4, 5].map((id) => ({ node: batchedNode(id) })) } });
    t.source.expectAtMostHits(/^GET \/customers/, 1, 'the customers of all the orders should cost one request');
    t.source.expectAtMostHits(/^GET \/orderLines/, 1, 'the lines of all the orders should cost one request, totals included');
    t.source.expectAtMostHits(/^GET \/products/, 1, 'the products of all the lines should cost one request, totals included');
    t.source.expectAtMostHits(undefined, 4, 'orders, customers, lines and products: four requests');
    // The next request reads the backend afresh (nothing kept from the last), in four requests again.
    t.source.write('/products/3', { name: 'Monitor 27"', price: 21900 });
    t.source.resetHits();
    const after = cursor(5);
    await expectData(t, `{ orders(after: "${after}") { edges { node { id lines { subtotalCents product { name } } totalCents } } } }`, {
      orders: {
        edges: [
          { node: { id: '6', lines: [{ subtotalCents: 2995, product: { name: 'USB-C cable' } }], totalCents: 2995 } },
          { node: { id: '7', lines: [{ subtotalCents: 43800, product: { name: 'Monitor 27"' } }, { subtotalCents: 2450, product: { name: 'Desk lamp' } }], totalCents: 46250 } },
          { node: { id: '8', lines: [{ subtotalCents: 7996, product: { name: 'Mouse' } }], totalCents: 7996 } },
        ],
      },
    });
    t.source.expectAtMostHits(undefined, 3, 'orders, lines and products: three requests');
  },

  'batches-customer-trees': async (t) => {
    await expectData(t, '{ customer(id: "1") { name orders { id lines { product { name } } totalCents } } }', {
      customer: {
        name: 'Ada Lovelace',
        orders: [1, 3, 7].map((id) => ({ id: String(id), lines: ORDERS[id][2].map(([p]) => ({ product: { name: PRODUCTS[p][0] } })), totalCents: total(id) })),
      },
    });
    t.source.expectAtMostHits(/^GET \/orderLines/, 1, "the lines of all the customer's orders should cost one request");
    t.source.expectAtMostHits(/^GET \/products/, 1, 'the products of all the lines should cost one request');
    t.source.expectAtMostHits(undefined, 4, 'a customer, their orders, the lines and the products: four requests');
    t.source.resetHits();
    await expectData(t, '{ orders(first: 6) { edges { node { id customer { name orders(status: OPEN) { id } } } } } }', {
      orders: {
        edges: [1, 2, 3, 4, 5, 6].map((id) => {
          const customerId = ORDERS[id][0];
          const open = Object.keys(ORDERS).filter((o) => ORDERS[o][0] === customerId && ORDERS[o][1] === 'OPEN');
          return { node: { id: String(id), customer: { name: CUSTOMERS[customerId][0], orders: open.map((o) => ({ id: o })) } } };
        }),
      },
    });
    t.source.expectAtMostHits(/^GET \/customers/, 1, 'the customers of all the orders should cost one request');
    t.source.expectAtMostHits(undefined, 3, "orders, their customers and the customers' orders: three requests");
  },

  'computes-subtotals-and-totals': async (t) => {
    await expectData(t, '{ orders(first: 8) { edges { node { id totalCents lines { quantity subtotalCents product { priceCents } } } } } }', {
      orders: {
        edges: Object.keys(ORDERS).map((id) => ({
          node: { id, totalCents: total(id), lines: ORDERS[id][2].map(([p, q]) => ({ quantity: q, subtotalCents: PRODUCTS[p][1] * q, product: { priceCents: PRODUCTS[p][1] } })) },
        })),
      },
    });
    await expectData(t, '{ order(id: "2") { totalCents } }', { order: { totalCents: 20098 } });
  },

  'places-and-cancels-orders': async (t) => {
    // Read before the changes: an app that keeps loaders (and their caches) across requests shows these again after them.
    await expectData(t, '{ customer(id: "3") { orders { id status } } order(id: "2") { status } }', {
      customer: { orders: [{ id: '4', status: 'CANCELLED' }, { id: '6', status: 'OPEN' }] },
      order: { status: 'OPEN' },
    });
    await expectData(t, 'mutation Place($lines: [LineInput!]!) { placeOrder(customerId: "3", lines: $lines) { id status customer { name } lines { quantity subtotalCents product { name } } totalCents } }', {
      placeOrder: {
        id: '9',
        status: 'OPEN',
        customer: { name: 'Alan Turing' },
        lines: [{ quantity: 2, subtotalCents: 9998, product: { name: 'Keyboard' } }, { quantity: 3, subtotalCents: 1797, product: { name: 'USB-C cable' } }],
        totalCents: 11795,
      },
    }, { lines: [{ productId: '1', quantity: 2 }, { productId: '4', quantity: 3 }] });
    const order = t.source.read('/orders/9');
    if (!order || String(order.customerId) !== '3' || order.status !== 'open' || typeof order.createdAt !== 'string' || Number.isNaN(Date.parse(order.createdAt))) {
      t.fail(`the new order should be stored with customerId 3, status "open" and createdAt an ISO date, found ${JSON.stringify(order)}`);
    }
    const lines = (t.source.read('/orderLines') || []).filter((l) => String(l.orderId) === '9').map((l) => `${l.productId}x${l.quantity}`);
    if (lines.join(',') !== '1x2,4x3') t.fail(`the new order's lines should be stored (orderId 9) in the order given, found ${JSON.stringify(lines)}`);
    const posts = t.source.requests().filter((r) => r.method === 'POST').map((r) => r.path);
    if (!/^\/orders\/?(\?|$)/.test(posts[0] || '')) t.fail(`the order should be stored before its lines, the backend got ${posts.join(', ')}`);

    await expectData(t, 'mutation { cancelOrder(id: "2") { id status } }', { cancelOrder: { id: '2', status: 'CANCELLED' } });
    const cancelled = t.source.read('/orders/2');
    if (!cancelled || cancelled.status !== 'cancelled') t.fail(`order 2 should be stored as "cancelled", found ${JSON.stringify(cancelled)}`);
    await expectData(t, 'mutation { cancelOrder(id: "4") { status totalCents } }', { cancelOrder: { status: 'CANCELLED', totalCents: 4900 } });
    await expectData(t, '{ customer(id: "3") { orders { id status } } order(id: "2") { status } }', {
      customer: { orders: [{ id: '4', status: 'CANCELLED' }, { id: '6', status: 'OPEN' }, { id: '9', status: 'OPEN' }] },
      order: { status: 'CANCELLED' },
    });
    await expectData(t, '{ orders(status: OPEN, first: 10) { edges { node { id } } } }', { orders: { edges: [3, 6, 7, 8, 9].map((id) => ({ node: { id: String(id) } })) } });
  },

  'refuses-bad-orders-and-stores-nothing': async (t) => {
    const refused = [
      ['placeOrder', 'mutation { placeOrder(customerId: "1", lines: []) { id } }'],
      ['placeOrder', 'mutation { placeOrder(customerId: "1", lines: [{ productId: "1", quantity: 0 }]) { id } }'],
      ['placeOrder', 'mutation { placeOrder(customerId: "1", lines: [{ productId: "2", quantity: 1 }, { productId: "1", quantity: 100 }]) { id } }'],
      ['placeOrder', 'mutation { placeOrder(customerId: "1", lines: [{ productId: "2", quantity: 1 }, { productId: "99", quantity: 1 }]) { id } }'],
      ['placeOrder', 'mutation { placeOrder(customerId: "99", lines: [{ productId: "2", quantity: 1 }]) { id } }'],
    ];
    for (const [field, mutation] of refused) {
      t.graphql.expectError(await t.graphql.query(mutation), { path: [field], code: 'BAD_USER_INPUT', data: null });
    }
    t.source.expectHits(/^(POST|PUT|PATCH|DELETE) /, 0, 'a refused order should store nothing');
    t.graphql.expectError(await t.graphql.query('{ orders(first: 0) { edges { cursor } } }'), { path: ['orders'], code: 'BAD_USER_INPUT', data: null });
    t.graphql.expectError(await t.graphql.query('{ orders(first: 21) { edges { cursor } } }'), { path: ['orders'], code: 'BAD_USER_INPUT', data: null });
    await expectData(t, 'mutation { placeOrder(customerId: "4", lines: [{ productId: "6", quantity: 99 }, { productId: "2", quantity: 1 }]) { customer { name } totalCents } }', {
      placeOrder: { customer: { name: 'Barbara Liskov' }, totalCents: 99 * 5900 + 1999 },
    });
    await expectData(t, '{ orders(first: 20) { pageInfo { hasNextPage endCursor } } }', { orders: { pageInfo: { hasNextPage: false, endCursor: cursor(9) } } });
  },

  'reports-errors-with-codes-at-their-paths': async (t) => {
    for (const after of ['nonsense', Buffer.from('customer:2', 'utf8').toString('base64')]) {
      t.graphql.expectError(await t.graphql.query('query Q($after: String) { orders(after: $after) { edges { cursor } } }', { after }), { path: ['orders'], code: 'BAD_USER_INPUT', data: null });
    }
    t.graphql.expectError(await t.graphql.query('mutation { cancelOrder(id: "1") { status } }'), { path: ['cancelOrder'], code: 'FAILED_PRECONDITION', data: null });
    const shipped = t.source.read('/orders/1');
    if (!shipped || shipped.status !== 'shipped') t.fail(`a shipped order should stay shipped, found ${JSON.stringify(shipped)}`);
    t.graphql.expectError(await t.graphql.query('mutation { cancelOrder(id: "99") { status } }'), { path: ['cancelOrder'], code: 'NOT_FOUND', data: null });
    t.source.fail(/^\/orderLines/, 503);
    t.graphql.expectError(await t.graphql.query('{ order(id: "1") { id lines { quantity } } }'), { path: ['order', 'lines'], data: { order: null } });
  },

  'refuses-documents-the-schema-does-not-allow': async (t) => {
    t.graphql.expectRequestError(await t.graphql.query('{ orders(status: DONE) { edges { cursor } } }'));
    t.graphql.expectRequestError(await t.graphql.query('{ orders(status: "open") { edges { cursor } } }'));
    t.graphql.expectRequestError(await t.graphql.query('query Q($s: OrderStatus) { orders(status: $s) { edges { cursor } } }', { s: 'open' }));
    t.graphql.expectRequestError(await t.graphql.query('{ order(id: "1") { createdAt } }'));
    t.graphql.expectRequestError(await t.graphql.query('mutation { placeOrder(customerId: "1", lines: [{ productId: "1" }]) { id } }'));
  },
};
