import { handle, startDataSource, type SourceData } from './server';

const data = (): SourceData => ({ products: [{ id: 1, name: 'Tea', category: 'drinks' }, { id: 2, name: 'Bread', category: 'food' }] });

describe('the data source', () => {
  it('answers the collection, filtered by its query, and single items by id', () => {
    const d = data();
    expect(handle(d, 'GET', '/products?category=food', undefined)).toEqual({ status: 200, body: [{ id: 2, name: 'Bread', category: 'food' }] });
    expect(handle(d, 'GET', '/products/1', undefined)).toEqual({ status: 200, body: { id: 1, name: 'Tea', category: 'drinks' } });
    expect(handle(d, 'GET', '/products?id=2&id=1&id=9', undefined).body).toEqual([d.products?.[0], d.products?.[1]]);
    expect(handle(d, 'GET', '/products?id=1&category=food', undefined).body).toEqual([]);
    expect(handle(d, 'GET', '/products?constructor=x', undefined).body).toEqual([]);
    expect(handle(d, 'GET', '/products/9', undefined).status).toBe(404);
    expect(handle(d, 'GET', '/__proto__/1', undefined).status).toBe(404);
    expect(handle(d, 'GET', '/products/1/extra', undefined).status).toBe(404);
  });

  it('creates, replaces, merges and deletes, keeping ids', () => {
    const d = data();
    expect(handle(d, 'POST', '/products', { name: 'Jam' })).toEqual({ status: 201, body: { name: 'Jam', id: 3 } });
    expect(handle(d, 'PUT', '/products/1', { name: 'Green tea', id: 99 })).toEqual({ status: 200, body: { name: 'Green tea', id: 1 } });
    expect(handle(d, 'PATCH', '/products/2', { name: 'Rye' })).toEqual({ status: 200, body: { id: 2, name: 'Rye', category: 'food' } });
    expect(handle(d, 'DELETE', '/products/2', undefined)).toEqual({ status: 204 });
    expect(d.products?.map((p) => p.id)).toEqual([1, 3]);
    expect(handle(d, 'PUT', '/products/1', ['not', 'an object']).status).toBe(400);
    expect(handle(d, 'DELETE', '/products', undefined).status).toBe(405);
  });

  it('counts every request the app makes, holds each back, and serves a fresh copy of the data', async () => {
    const original = data();
    const source = await startDataSource(original, 30, 0);
    try {
      const url = `http://127.0.0.1:${source.port}`;
      const res = await fetch(`${url}/products/1`);
      expect(await res.json()).toEqual({ id: 1, name: 'Tea', category: 'drinks' });
      await (await fetch(`${url}/products/1`, { method: 'PATCH', body: JSON.stringify({ name: 'Black tea' }) })).text();
      expect(source.requests).toEqual([
        { method: 'GET', path: '/products/1' },
        { method: 'PATCH', path: '/products/1' },
      ]);
      expect(source.read('/products/1')).toMatchObject({ name: 'Black tea' });
      expect(original.products?.[0]?.name).toBe('Tea');
    } finally {
      await source.close();
    }
  });

  it('changes data and fails on the grader\'s word without counting it', async () => {
    const source = await startDataSource(data(), 0, 0);
    try {
      const url = `http://127.0.0.1:${source.port}`;
      source.write('/products/1', { name: 'Mint' });
      source.fail(/^\/products\/2$/, 503, 1);
      expect(await (await fetch(`${url}/products/1`)).json()).toEqual({ name: 'Mint', id: 1 });
      const status = async (res: Response) => (await res.text(), res.status);
      expect(await status(await fetch(`${url}/products/2`))).toBe(503);
      expect(await status(await fetch(`${url}/products/2`))).toBe(200);
      expect(source.requests).toHaveLength(3);
      expect(await status(await fetch(`${url}/products`, { method: 'POST', body: 'x'.repeat(70_000) }))).toBe(413);
    } finally {
      await source.close();
    }
  });
});
