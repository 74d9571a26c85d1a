// The schema built from graphql-js's type objects (no SDL), an enum whose internal values are the
// backend's statuses, resolvers on the types, and a hand-written batcher per request in place of
// DataLoader. Invalid documents answer 400.
const express = require('express');
const {
  GraphQLSchema, GraphQLObjectType, GraphQLInputObjectType, GraphQLEnumType, GraphQLNonNull, GraphQLList,
  GraphQLID, GraphQLInt, GraphQLString, GraphQLBoolean, GraphQLError, execute, parse, validate,
} = require('graphql');

const nn = (t) => new GraphQLNonNull(t);
const list = (t) => nn(new GraphQLList(nn(t)));
const err = (code, message) => new GraphQLError(message, { extensions: { code } });

/** Collects the keys asked for until the event loop turns, fetches them in one request, remembers the answers. */
function batcher(fetchMany) {
  const memo = new Map();
  let pending = null;
  return (key) => {
    const k = String(key);
    if (memo.has(k)) return memo.get(k);
    if (!pending) {
      const batch = (pending = new Map());
      setImmediate(async () => {
        pending = null;
        try {
          const found = await fetchMany([...batch.keys()]);
          for (const [key, { resolve }] of batch) resolve(found.get(key));
        } catch (e) {
          for (const { reject } of batch.values()) reject(e);
        }
      });
    }
    const promise = new Promise((resolve, reject) => pending.set(k, { resolve, reject }));
    memo.set(k, promise);
    return promise;
  };
}

function makeContext(base) {
  const request = async (method, path, body) => {
    const res = await fetch(base + path, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status === 404) return null;
    if (res.status >= 400) throw new Error(`backend error ${res.status} on ${method} ${path}`);
    return res.json();
  };
  const qs = (field, keys) => keys.map((k) => `${field}=${encodeURIComponent(k)}`).join('&');
  const one = (collection) =>
    batcher(async (keys) => {
      const rows = await request('GET', `/${collection}?${qs('id', keys)}`);
      return new Map(keys.map((k) => [k, rows.find((r) => String(r.id) === k) || null]));
    });
  const many = (collection, field) =>
    batcher(async (keys) => {
      const rows = await request('GET', `/${collection}?${qs(field, keys)}`);
      return new Map(keys.map((k) => [k, rows.filter((r) => String(r[field]) === k)]));
    });
  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    customer: one('customers'),
    product: one('products'),
    linesOf: many('orderLines', 'orderId'),
    ordersOf: many('orders', 'customerId'),
  };
}

const cursorOf = (id) => Buffer.from('order:' + id).toString('base64');
function idOfCursor(cursor) {
  const text = Buffer.from(cursor, 'base64').toString();
  if (!/^order:[0-9]+$/.test(text) || cursorOf(text.slice(6)) !== cursor) throw err('BAD_USER_INPUT', 'invalid cursor');
  return parseInt(text.slice(6), 10);
}

const lineTotal = async (line, ctx) => (await ctx.product(line.productId)).price * line.quantity;

const Status = new GraphQLEnumType({ name: 'OrderStatus', values: { OPEN: { value: 'open' }, SHIPPED: { value: 'shipped' }, CANCELLED: { value: 'cancelled' } } });

const Product = new GraphQLObjectType({
  name: 'Product',
  fields: { id: { type: nn(GraphQLID) }, name: { type: nn(GraphQLString) }, priceCents: { type: nn(GraphQLInt), resolve: (p) => p.price } },
});

const OrderLine = new GraphQLObjectType({
  name: 'OrderLine',
  fields: {
    product: { type: nn(Product), resolve: (line, _a, ctx) => ctx.product(line.productId) },
    quantity: { type: nn(GraphQLInt) },
    subtotalCents: { type: nn(GraphQLInt), resolve: (line, _a, ctx) => lineTotal(line, ctx) },
  },
});

const Customer = new GraphQLObjectType({
  name: 'Customer',
  fields: () => ({
    id: { type: nn(GraphQLID) },
    name: { type: nn(GraphQLString) },
    tier: { type: nn(GraphQLString) },
    orders: {
      type: list(Order),
      args: { status: { type: Status } },
      resolve: async (c, { status }, ctx) => (await ctx.ordersOf(c.id)).filter((o) => !status || o.status === status),
    },
  }),
});

const Order = new GraphQLObjectType({
  name: 'Order',
  fields: () => ({
    id: { type: nn(GraphQLID) },
    status: { type: nn(Status) },
    customer: { type: nn(Customer), resolve: (o, _a, ctx) => ctx.customer(o.customerId) },
    lines: { type: list(OrderLine), resolve: (o, _a, ctx) => ctx.linesOf(o.id) },
    totalCents: {
      type: nn(GraphQLInt),
      resolve: async (o, _a, ctx) => {
        let sum = 0;
        for (const amount of await Promise.all((await ctx.linesOf(o.id)).map((l) => lineTotal(l, ctx)))) sum += amount;
        return sum;
      },
    },
  }),
});

const OrderConnection = new GraphQLObjectType({
  name: 'OrderConnection',
  fields: {
    edges: { type: list(new GraphQLObjectType({ name: 'OrderEdge', fields: { cursor: { type: nn(GraphQLString) }, node: { type: nn(Order) } } })) },
    pageInfo: { type: nn(new GraphQLObjectType({ name: 'PageInfo', fields: { hasNextPage: { type: nn(GraphQLBoolean) }, endCursor: { type: GraphQLString } } })) },
  },
});

const LineInput = new GraphQLInputObjectType({ name: 'LineInput', fields: { productId: { type: nn(GraphQLID) }, quantity: { type: nn(GraphQLInt) } } });

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      order: { type: Order, args: { id: { type: nn(GraphQLID) } }, resolve: (_r, { id }, ctx) => ctx.get('/orders/' + encodeURIComponent(id)) },
      orders: {
        type: nn(OrderConnection),
        args: { status: { type: Status }, first: { type: GraphQLInt, defaultValue: 5 }, after: { type: GraphQLString } },
        resolve: async (_r, { status, first, after }, ctx) => {
          if (!(first >= 1 && first <= 20)) throw err('BAD_USER_INPUT', 'first must be from 1 to 20');
          const from = after == null ? 0 : idOfCursor(after);
          const rows = (await ctx.get(status ? '/orders?status=' + status : '/orders')).filter((o) => o.id > from);
          const edges = rows.slice(0, first).map((o) => ({ cursor: cursorOf(o.id), node: o }));
          return { edges, pageInfo: { hasNextPage: rows.length > edges.length, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
        },
      },
      customer: { type: Customer, args: { id: { type: nn(GraphQLID) } }, resolve: (_r, { id }, ctx) => ctx.get('/customers/' + encodeURIComponent(id)) },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      placeOrder: {
        type: nn(Order),
        args: { customerId: { type: nn(GraphQLID) }, lines: { type: nn(new GraphQLList(nn(LineInput))) } },
        resolve: async (_r, { customerId, lines }, ctx) => {
          if (!lines.length) throw err('BAD_USER_INPUT', 'no lines');
          if (lines.some((l) => l.quantity < 1 || l.quantity > 99)) throw err('BAD_USER_INPUT', 'quantity out of range');
          const customer = await ctx.get('/customers/' + encodeURIComponent(customerId));
          if (!customer) throw err('BAD_USER_INPUT', 'unknown customer');
          const products = await Promise.all(lines.map((l) => ctx.product(l.productId)));
          if (products.includes(null)) throw err('BAD_USER_INPUT', 'unknown product');
          const order = await ctx.post('/orders', { customerId: customer.id, status: 'open', createdAt: new Date().toISOString() });
          for (let i = 0; i < lines.length; i++) await ctx.post('/orderLines', { orderId: order.id, productId: products[i].id, quantity: lines[i].quantity });
          return order;
        },
      },
      cancelOrder: {
        type: nn(Order),
        args: { id: { type: nn(GraphQLID) } },
        resolve: async (_r, { id }, ctx) => {
          const order = await ctx.get('/orders/' + encodeURIComponent(id));
          if (!order) throw err('NOT_FOUND', 'unknown order');
          if (order.status === 'shipped') throw err('FAILED_PRECONDITION', 'already shipped');
          return order.status === 'cancelled' ? order : ctx.patch('/orders/' + order.id, { status: 'cancelled' });
        },
      },
    },
  }),
});

module.exports.createApp = () => {
  const app = express();
  app.use(express.json());
  app.post('/graphql', (req, res) => {
    const { query, variables } = req.body || {};
    let document;
    try {
      document = parse(String(query));
    } catch (e) {
      return res.status(400).json({ errors: [{ message: e.message }] });
    }
    const errors = validate(schema, document);
    if (errors.length) return res.status(400).json({ errors: errors.map((e) => ({ message: e.message })) });
    Promise.resolve(execute({ schema, document, variableValues: variables, contextValue: makeContext(process.env.SOURCE_URL) })).then((result) => {
      if (!result.data && result.errors && result.errors.every((e) => !e.path)) return res.status(400).json(result);
      res.json(result);
    });
  });
  return app;
};
