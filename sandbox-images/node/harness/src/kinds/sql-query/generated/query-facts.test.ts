import { alignTies, orderByColumns, queryConstants } from './query-facts';

describe('the constants of a reference query', () => {
  it('takes numbers, dates and timestamps, and text compared with data', () => {
    const sql = "SELECT name FROM t WHERE total >= 10000 AND day < DATE '2024-06-01' AND at > '2024-01-01 12:30' AND city = 'Rome' AND x > -5";
    expect(queryConstants(sql, 'postgres')).toEqual({ numbers: [10000, -5], dates: ['2024-06-01'], timestamps: ['2024-01-01 12:30:00'], texts: ['Rome'] });
  });

  it('leaves out what no data is compared with: SELECT 1, positions, LIMIT, interval lengths, date_trunc fields', () => {
    const sql = "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u) AND d > now() - INTERVAL '30 days' AND date_trunc('month', d) = d ORDER BY 1, 2 LIMIT 10";
    expect(queryConstants(sql, 'postgres')).toEqual({ numbers: [], dates: [], timestamps: [], texts: [] });
  });
});

describe('the result columns of the outer ORDER BY', () => {
  const columns = ['name', 'orders', 'total_cents'];

  it('maps names, qualified names and positions to result columns', () => {
    expect(orderByColumns('SELECT … FROM c ORDER BY total_cents DESC, c.name ASC', 'sqlite', columns)).toEqual([2, 0]);
    expect(orderByColumns('SELECT … ORDER BY 3 DESC NULLS LAST, 1', 'postgres', columns)).toEqual([2, 0]);
  });

  it('ignores an ORDER BY inside a window or a subquery', () => {
    expect(orderByColumns('SELECT name, sum(x) OVER (ORDER BY id) FROM (SELECT * FROM t ORDER BY id) s', 'sqlite', columns)).toBeUndefined();
    expect(orderByColumns('WITH w AS (SELECT * FROM t ORDER BY id) SELECT * FROM w ORDER BY name LIMIT 3', 'sqlite', columns)).toEqual([0]);
  });

  it('gives up when a key is not a result column: the order is then the reference’s, exactly', () => {
    expect(orderByColumns('SELECT … ORDER BY a.owner, t.booked_on, t.id', 'postgres', ['owner', 'booked_on', 'amount', 'balance'])).toBeUndefined();
  });
});

describe('rows tied on the ORDER BY', () => {
  const sameRows = (e: unknown[][], a: unknown[][]) => JSON.stringify([...e].map(String).sort()) === JSON.stringify([...a].map(String).sort());

  it('take the expected order when they are the same rows in another order', () => {
    const expected = { columns: ['name', 'total'], rows: [['Al', 20], ['Bea', 15], ['Bea', 15.5], ['Max', 10]] };
    const actual = { columns: ['name', 'total'], rows: [['Al', 20], ['Bea', 15.5], ['Bea', 15], ['Max', 10]] };
    expect(alignTies(expected, actual, [0], sameRows).rows).toEqual(expected.rows);
  });

  it('keep their own order when they are other rows', () => {
    const expected = { columns: ['name', 'total'], rows: [['Bea', 15], ['Bea', 16]] };
    const actual = { columns: ['name', 'total'], rows: [['Bea', 16], ['Bea', 17]] };
    expect(alignTies(expected, actual, [0], sameRows).rows).toEqual(actual.rows);
  });
});
