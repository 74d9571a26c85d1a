// KNOWN WRONG: subtotalCents forgets the quantity.
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

const failure = (code) => (message) => new GraphQLError(message, { extensions: { code } });
const badInput = failure('BAD_USER_INPUT');
const notFound = failure('NOT_FOUND');
const failedPrecondition = failure('FAILED_PRECONDITION');

/** The enum's names are the backend's statuses in capitals: OPEN is "open". */
const toBackendStatus = (status) => status.toLowerCase();

const encodeCursor = (id) => Buffer.from(`order:${id}`, 'utf8').toString('base64');
function decodeCursor(cursor) {
  const match = /^order:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match || encodeCursor(match[1]) !== cursor) throw badInput('after is not a cursor of this API');
  return Number(match[1]);
}

/** The backend, for one GraphQL request: plain reads and writes, and a loader per batched read. */
function backend(base) {
  async function call(path, init) {
    const res = await fetch(base + path, init);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`the backend failed (${res.status})`);
    return res.status === 204 ? null : res.json();
  }
  const send = (method, path, body) => call(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const query = (field, keys) => keys.map((k) => `${field}=${encodeURIComponent(k)}`).join('&');
  /** Each key gets the items whose field is that key, one request per batch. */
  const grouped = (collection, field) =>
    new DataLoader(async (keys) => {
      const items = await call(`/${collection}?${query(field, keys)}`);
      return keys.map((key) => items.filter((item) => String(item[field]) === String(key)));
    });
  /** Each key gets the item with that id, or null. */
  const byId = (collection) =>
    new DataLoader(async (keys) => {
      const items = await call(`/${collection}?${query('id', keys)}`);
      return keys.map((key) => items.find((item) => String(item.id) === String(key)) ?? null);
    });
  return {
    get: (path) => call(path),
    post: (path, body) => send('POST', path, body),
    patch: (path, body) => send('PATCH', path, body),
    customers: byId('customers'),
    products: byId('products'),
    ordersByCustomer: grouped('orders', 'customerId'),
    linesByOrder: grouped('orderLines', 'orderId'),
  };
}

class Product {
  constructor(row) {
    this.id = row.id;
    this.name = row.name;
    this.priceCents = row.price;
  }
}

class OrderLine {
  constructor(row) {
    this.productId = row.productId;
    this.quantity = row.quantity;
  }
  async product(args, ctx) {
    return new Product(await ctx.products.load(this.productId));
  }
  async subtotalCents(args, ctx) {
    return (await this.product(args, ctx)).priceCents;
  }
}

class Order {
  constructor(row) {
    this.id = row.id;
    this.customerId = row.customerId;
    this.status = row.status.toUpperCase();
  }
  customer(args, ctx) {
    return ctx.customers.load(this.customerId).then((row) => row && new Customer(row));
  }
  async lines(args, ctx) {
    return (await ctx.linesByOrder.load(this.id)).map((l) => new OrderLine(l));
  }
  async totalCents(args, ctx) {
    const subtotals = await Promise.all((await this.lines(args, ctx)).map((line) => line.subtotalCents(args, ctx)));
    return subtotals.reduce((sum, s) => sum + s, 0);
  }
}

class Customer {
  constructor(row) {
    Object.assign(this, row);
  }
  async orders({ status }, ctx) {
    const rows = await ctx.ordersByCustomer.load(this.id);
    return rows.filter((o) => status == null || o.status === toBackendStatus(status)).map((o) => new Order(o));
  }
}

const rootValue = {
  async order({ id }, ctx) {
    const row = await ctx.get(`/orders/${encodeURIComponent(id)}`);
    return row && new Order(row);
  },
  async orders({ status, first, after }, ctx) {
    if (first < 1 || first > 20) throw badInput('first must be between 1 and 20');
    const afterId = after == null ? null : decodeCursor(after);
    const rows = await ctx.get(status == null ? '/orders' : `/orders?status=${toBackendStatus(status)}`);
    const rest = afterId === null ? rows : rows.filter((o) => Number(o.id) > afterId);
    const page = rest.slice(0, first);
    return {
      edges: page.map((o) => ({ cursor: encodeCursor(o.id), node: new Order(o) })),
      pageInfo: { hasNextPage: rest.length > first, endCursor: page.length ? encodeCursor(page[page.length - 1].id) : null },
    };
  },
  async customer({ id }, ctx) {
    const row = await ctx.customers.load(id);
    return row && new Customer(row);
  },
  async placeOrder({ customerId, lines }, ctx) {
    if (lines.length === 0) throw badInput('an order needs at least one line');
    for (const { quantity } of lines) if (quantity < 1 || quantity > 99) throw badInput('a quantity must be between 1 and 99');
    const [customer, ...products] = await Promise.all([ctx.customers.load(customerId), ...lines.map((l) => ctx.products.load(l.productId))]);
    if (!customer) throw badInput(`there is no customer ${customerId}`);
    const missing = lines.find((l, i) => !products[i]);
    if (missing) throw badInput(`there is no product ${missing.productId}`);
    const order = await ctx.post('/orders', { customerId: customer.id, status: 'open', createdAt: new Date().toISOString() });
    for (const [i, line] of lines.entries()) {
      await ctx.post('/orderLines', { orderId: order.id, productId: products[i].id, quantity: line.quantity });
    }
    return new Order(order);
  },
  async cancelOrder({ id }, ctx) {
    const order = await ctx.get(`/orders/${encodeURIComponent(id)}`);
    if (!order) throw notFound(`there is no order ${id}`);
    if (order.status === 'shipped') throw failedPrecondition('a shipped order cannot be cancelled');
    if (order.status === 'cancelled') return new Order(order);
    return new Order(await ctx.patch(`/orders/${order.id}`, { status: 'cancelled' }));
  },
};

function createApp() {
  const app = express();
  app.use(express.json());
  app.post('/graphql', async (req, res) => {
    const { query, variables } = req.body || {};
    const result = await graphql({ schema, source: query, rootValue, contextValue: backend(process.env.SOURCE_URL), variableValues: variables });
    res.json(result);
  });
  return app;
}

module.exports = { createApp };
