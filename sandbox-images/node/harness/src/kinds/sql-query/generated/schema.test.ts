import { ExerciseDefect } from '../../../common/exercise-defect';
import { queryConstants } from './query-facts';
import { nounsOf, readSchema } from './schema';

const SHOP = `CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), amount_cents INTEGER NOT NULL, placed_at TEXT NOT NULL);
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT);
INSERT INTO customers VALUES (1, 'Ada', 'Rome');`;
const NONE = queryConstants('', 'sqlite');

describe('the tables of generated datasets, read from a dataset script', () => {
  it('reads columns, types, keys and references, and puts parents first', () => {
    const schema = readSchema(SHOP, 'small.sql', 'sqlite', { columns: { 'orders.placed_at': { type: 'date' } } }, NONE);
    expect(schema.tables.map((t) => t.name)).toEqual(['customers', 'orders']);
    const orders = schema.tables[1]!;
    expect(orders.columns.map((c) => [c.name, c.kind, c.primaryKey, c.nullable, c.references?.table ?? null])).toEqual([
      ['id', 'integer', true, false, null],
      ['customer_id', 'integer', false, false, 'customers'],
      ['amount_cents', 'integer', false, false, null],
      ['placed_at', 'date', false, false, null],
    ]);
    expect(schema.tables[0]!.columns[2]).toMatchObject({ name: 'city', nullable: true });
    // Each dataset starts with the script's CREATE statements as written; its rows are its own.
    expect(schema.ddl).toContain('CREATE TABLE orders');
    expect(schema.ddl).not.toContain('INSERT');
  });

  it("reads PostgreSQL's numeric scale and time types", () => {
    const schema = readSchema('CREATE TABLE t (id integer PRIMARY KEY, amount numeric(12,3) NOT NULL, at timestamp, d date, ok boolean);', 't.sql', 'postgres', {}, NONE);
    expect(schema.tables[0]!.columns.map((c) => [c.kind, c.scale])).toEqual([
      ['integer', 2],
      ['decimal', 3],
      ['timestamp', 2],
      ['date', 2],
      ['boolean', 2],
    ]);
  });

  it('puts the constants of the reference query, and their neighbours, among a column’s values', () => {
    const schema = readSchema(SHOP, 'small.sql', 'sqlite', {}, queryConstants('SELECT 1 FROM orders HAVING SUM(amount_cents) >= 10000', 'sqlite'));
    expect(schema.tables[1]!.columns[2]!.pool).toEqual(expect.arrayContaining([9999, 10000, 10001, 5000, 20000, 0]));
  });

  it('takes a reference the tables do not declare, and a time relative to the parent’s', () => {
    const script = 'CREATE TABLE c (id integer PRIMARY KEY, at timestamp NOT NULL); CREATE TABLE o (id integer PRIMARY KEY, c_id integer, at timestamp NOT NULL);';
    const schema = readSchema(script, 's.sql', 'postgres', { columns: { 'o.c_id': { references: 'c.id' }, 'o.at': { offsetFrom: { column: 'c.at', offsets: ['30 days', '-1 second'] } } } }, NONE);
    const o = schema.tables[1]!;
    expect(o.columns[1]!.references).toEqual({ table: 'c', column: 'id' });
    expect(o.columns[2]!.offsetFrom).toEqual({ table: 'c', column: 'at', via: 1, offsets: [30 * 86_400, -1] });
  });

  it('says what is wrong with a schema it cannot fill, for the author', () => {
    expect(() => readSchema(SHOP, 'small.sql', 'sqlite', { columns: { 'orders.nope': { unique: true } } }, NONE)).toThrow(ExerciseDefect);
    expect(() => readSchema('CREATE TABLE t (id integer PRIMARY KEY, span interval NOT NULL);', 't.sql', 'postgres', {}, NONE)).toThrow(/give generated\.columns\.t\.span a type or values/);
    expect(() => readSchema('INSERT INTO t VALUES (1);', 't.sql', 'sqlite', {}, NONE)).toThrow(/no CREATE TABLE/);
  });

  it('names a row of a table in words', () => {
    expect(nounsOf('customers')).toEqual({ noun: 'customer', plural: 'customers' });
    expect(nounsOf('order_items')).toEqual({ noun: 'order item', plural: 'order items' });
    expect(nounsOf('categories')).toEqual({ noun: 'category', plural: 'categories' });
    expect(nounsOf('staff', 'employee')).toEqual({ noun: 'employee', plural: 'employees' });
  });
});
