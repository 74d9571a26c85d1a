import type { GenDataset } from './dataset';
import { dataFeatures } from './features';
import { queryConstants } from './query-facts';
import { readSchema } from './schema';

const LEDGER = `CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL);
CREATE TABLE transactions (id integer PRIMARY KEY, account_id integer NOT NULL REFERENCES accounts (id), booked_on date NOT NULL, amount numeric(12,2));`;
const constants = queryConstants("SELECT 1 FROM transactions WHERE amount > 100 AND booked_on >= DATE '2024-03-01'", 'postgres');
const schema = readSchema(LEDGER, 'ledger.sql', 'postgres', {}, constants);

const phrases = (d: GenDataset) => dataFeatures(schema, d, constants).map((f) => f.phrase);

describe('the kinds of data of a dataset', () => {
  it('names rows without a match, groups, repeats within one parent, NULLs and boundary values, never the values', () => {
    const dataset: GenDataset = {
      rows: [
        [{ rid: 0, values: [1, 'Ada'] }, { rid: 1, values: [2, 'Ada'] }],
        [
          { rid: 2, values: [5, 1, '2024-03-01', 100] },
          { rid: 3, values: [6, 1, '2024-03-01', null] },
        ],
      ],
    };
    expect(phrases(dataset)).toEqual([
      'an account without transactions',
      'an account with several transactions',
      'several accounts',
      'two accounts with the same owner',
      'two transactions of one account with the same booked_on',
      'a value of transactions.booked_on exactly on a boundary of the query',
      'a NULL in transactions.amount',
      'a value of transactions.amount exactly on a boundary of the query',
    ]);
  });

  it('takes each kind out in a variant that keeps the keys and references whole', () => {
    const dataset: GenDataset = { rows: [[{ rid: 0, values: [1, 'Ada'] }], [{ rid: 1, values: [5, 1, '2024-03-02', null] }]] };
    const nulls = dataFeatures(schema, dataset, constants).find((f) => f.phrase === 'a NULL in transactions.amount')!;
    const amount = nulls.without!.rows[1]![0]!.values[3];
    expect(typeof amount).toBe('number');
    expect(nulls.without!.rows[1]![0]!.values.slice(0, 3)).toEqual([5, 1, '2024-03-02']);
  });
});
