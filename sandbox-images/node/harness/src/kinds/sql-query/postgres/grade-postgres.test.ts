import { visibleFirst } from './grade-postgres';

describe('visibleFirst', () => {
  it('orders visible tests before name-only before hidden, keeping the manifest order within each', () => {
    expect(visibleFirst([{ visibility: 'hidden' }, { visibility: 'visible' }, { visibility: 'name-only' }, { visibility: 'visible' }])).toEqual([1, 3, 2, 0]);
  });
});
