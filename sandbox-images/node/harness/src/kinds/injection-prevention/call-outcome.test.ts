import { callOutcome, toJson } from './call-outcome';

describe('toJson', () => {
  it('keeps rows as they are and turns what JSON lacks into JSON', () => {
    expect(toJson([{ id: 1, name: 'a', gone: undefined }], 1000)).toEqual([{ id: 1, name: 'a' }]);
    expect(toJson(undefined, 1000)).toBeNull();
    expect(toJson(10n, 1000)).toBe(10);
    expect(toJson(Buffer.from([0, 255]), 1000)).toEqual({ $bytes: '00ff' });
    expect(toJson(new Date('2024-01-02T03:04:05Z'), 1000)).toBe('2024-01-02T03:04:05.000Z');
    expect(toJson(new Map([['a', new Set([1])]]), 1000)).toEqual({ a: [1] });
  });

  it('refuses cycles, deep nesting and values over the size', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => toJson(cycle, 1000)).toThrow(/cycle/);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i += 1) deep = [deep];
    expect(() => toJson(deep, 10_000)).toThrow(/deeper/);
    expect(() => toJson('x'.repeat(2000), 1000)).toThrow(/larger than 1000 bytes/);
  });
});

describe('callOutcome', () => {
  it('awaits a promise and reports a throw with its name and message', async () => {
    expect(await callOutcome(async () => [1], [], 100)).toEqual({ kind: 'returned', value: [1] });
    expect(await callOutcome(() => { throw new RangeError('bad'); }, [], 100)).toEqual({ kind: 'threw', name: 'RangeError', message: 'bad' });
    expect(await callOutcome(() => Promise.reject('plain'), [], 100)).toEqual({ kind: 'threw', name: 'Error', message: 'plain' });
    expect(await callOutcome(() => ({ get x() { throw new Error('getter'); } }), [], 100)).toEqual({ kind: 'unserializable', reason: 'getter' });
  });
});
