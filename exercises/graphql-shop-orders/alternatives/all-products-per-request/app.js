// buildSchema with plain-object answers whose fields are functions (graphql-js calls them), every
// product read once per request (GET /products), orders filtered by status in the app, cancel by
// PUT, and the enum mapped through a table.
const express = require('express');
const DataLoader = require('dataloader');
const { buildSchema, graphql, GraphQLError } = require('graphql');

const schema = buildSchema(`
  type Query {
    order(id: ID!): Order
    orders(status: OrderStatus, first: Int = 5, after: String): OrderConnection!
    customer(id: ID!): Customer
  }
  type Mutation {
    placeOrder(customerId: ID!, lines: [LineInput!]!): Order!
    cancelOrder(id: ID!): Order!
  }
  input LineInput { productId: ID!, quantity: Int! }
  enum OrderStatus { OPEN SHIPPED CANCELLED }
  type OrderConnection { edges: [OrderEdge!]!, pageInfo: PageInfo! }
  type OrderEdge { cursor: String!, node: Order! }
  type PageInfo { hasNextPage: Boolean!, endCursor: String }
  type Order { id: ID!, status: OrderStatus!, customer: Customer!, lines: [OrderLine!]!, totalCents: Int! }
  type OrderLine { product: Product!, quantity: Int!, subtotalCents: Int! }
  type Customer { id: ID!, name: String!, tier: String!, orders(status: OrderStatus): [Order!]! }
  type Product { id: ID!, name: String!, priceCents: Int! }
`);

const TO_BACKEND = { OPEN: 'open', SHIPPED: 'shipped', CANCELLED: 'cancelled' };
const FROM_BACKEND = { open: 'OPEN', shipped: 'SHIPPED', cancelled: 'CANCELLED' };
const fail = (code, message) => { throw new GraphQLError(message, { extensions: { code } }); };

function requestContext(base) {
  const http = async (path, method = 'GET', body) => {
    const res = await fetch(`${base}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body && JSON.stringify(body) });
    if (res.status === 404) return null;
    if (res.status >= 300) throw new Error(`backend answered ${res.status}`);
    return res.json();
  };
  let productsById;
  const ctx = {
    http,
    products() {
      productsById ??= http('/products').then((rows) => new Map(rows.map((p) => [String(p.id), p])));
      return productsById;
    },
    customers: new DataLoader(async (ids) => {
      const rows = await http(`/customers?${ids.map((id) => `id=${encodeURIComponent(id)}`).join('&')}`);
      return ids.map((id) => rows.find((c) => `${c.id}` === `${id}`) || null);
    }),
    lines: new DataLoader(async (orderIds) => {
      const rows = await http(`/orderLines?${orderIds.map((id) => `orderId=${id}`).join('&')}`);
      return orderIds.map((id) => rows.filter((l) => `${l.orderId}` === `${id}`));
    }),
    ordersOfCustomer: new DataLoader(async (customerIds) => {
      const rows = await http(`/orders?${customerIds.map((id) => `customerId=${id}`).join('&')}`);
      return customerIds.map((id) => rows.filter((o) => `${o.customerId}` === `${id}`));
    }),
  };
  return ctx;
}

const product = (row) => ({ id: row.id, name: row.name, priceCents: row.price });

function line(row, ctx) {
  const price = async () => (await ctx.products()).get(String(row.productId)).price;
  return {
    quantity: row.quantity,
    product: async () => product((await ctx.products()).get(String(row.productId))),
    subtotalCents: async () => (await price()) * row.quantity,
  };
}

function order(row, ctx) {
  const lines = async () => (await ctx.lines.load(row.id)).map((l) => line(l, ctx));
  return {
    id: row.id,
    status: FROM_BACKEND[row.status],
    customer: async () => customer(await ctx.customers.load(row.customerId), ctx),
    lines,
    totalCents: async () => {
      const amounts = await Promise.all((await lines()).map((l) => l.subtotalCents()));
      return amounts.reduce((a, b) => a + b, 0);
    },
  };
}

function customer(row, ctx) {
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    orders: async ({ status }) => (await ctx.ordersOfCustomer.load(row.id)).filter((o) => !status || o.status === TO_BACKEND[status]).map((o) => order(o, ctx)),
  };
}

const CURSOR_PREFIX = 'order:';
const toCursor = (id) => Buffer.from(CURSOR_PREFIX + id).toString('base64');
function fromCursor(cursor) {
  const plain = Buffer.from(cursor, 'base64').toString('utf8');
  const id = plain.startsWith(CURSOR_PREFIX) ? plain.slice(CURSOR_PREFIX.length) : '';
  if (!/^\d+$/.test(id) || toCursor(id) !== cursor) fail('BAD_USER_INPUT', `${cursor} is no cursor`);
  return Number(id);
}

const root = {
  order: async ({ id }, ctx) => {
    const row = await ctx.http(`/orders/${encodeURIComponent(id)}`);
    return row ? order(row, ctx) : null;
  },
  orders: async ({ status, first, after }, ctx) => {
    if (!Number.isInteger(first) || first < 1 || first > 20) fail('BAD_USER_INPUT', 'first: 1 to 20');
    const since = typeof after === 'string' ? fromCursor(after) : -Infinity;
    const all = (await ctx.http('/orders')).filter((o) => (!status || o.status === TO_BACKEND[status]) && o.id > since).sort((a, b) => a.id - b.id);
    const page = all.slice(0, first);
    return {
      edges: page.map((o) => ({ cursor: toCursor(o.id), node: order(o, ctx) })),
      pageInfo: { hasNextPage: all.length > page.length, endCursor: page.length > 0 ? toCursor(page.at(-1).id) : null },
    };
  },
  customer: async ({ id }, ctx) => customer(await ctx.customers.load(id), ctx),
  placeOrder: async ({ customerId, lines }, ctx) => {
    if (lines.length < 1) fail('BAD_USER_INPUT', 'no lines');
    const bad = lines.find((l) => !(l.quantity >= 1 && l.quantity <= 99));
    if (bad) fail('BAD_USER_INPUT', `quantity ${bad.quantity} is out of 1..99`);
    const [buyer, products] = await Promise.all([ctx.customers.load(customerId), ctx.products()]);
    const unknown = lines.find((l) => !products.has(String(l.productId)));
    if (unknown) fail('BAD_USER_INPUT', `no product ${unknown.productId}`);
    if (!buyer) fail('BAD_USER_INPUT', `no customer ${customerId}`);
    const created = await ctx.http('/orders', 'POST', { customerId: buyer.id, status: 'open', createdAt: new Date().toISOString() });
    await lines.reduce(
      (previous, l) => previous.then(() => ctx.http('/orderLines', 'POST', { orderId: created.id, productId: products.get(String(l.productId)).id, quantity: l.quantity })),
      Promise.resolve(),
    );
    return order(created, ctx);
  },
  cancelOrder: async ({ id }, ctx) => {
    const row = await ctx.http(`/orders/${encodeURIComponent(id)}`);
    if (row === null) fail('NOT_FOUND', `no order ${id}`);
    if (row.status === 'shipped') fail('FAILED_PRECONDITION', `order ${id} has shipped`);
    if (row.status === 'cancelled') return order(row, ctx);
    return order(await ctx.http(`/orders/${row.id}`, 'PUT', { ...row, status: 'cancelled' }), ctx);
  },
};

function createApp() {
  const app = express();
  app.use(express.json());
  app.post('/graphql', async (req, res) => {
    const body = req.body || {};
    res.json(await graphql({ schema, source: body.query, rootValue: root, contextValue: requestContext(process.env.SOURCE_URL), variableValues: body.variables }));
  });
  return app;
}

module.exports = { createApp };
