import { LIMITS } from './limits';
import { censusOf } from './worker-health';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const report = (ageMs: number, engine: 'ok' | 'down', consuming = true) =>
  JSON.stringify({ at: new Date(NOW - ageMs).toISOString(), engine, consuming, concurrency: 2 });

describe('the census of workers', () => {
  it('counts as ready only a recent worker whose engine answers and which takes jobs', () => {
    const census = censusOf({ a: report(1_000, 'ok'), b: report(1_000, 'down'), c: report(1_000, 'ok', false) }, NOW);
    expect(census).toEqual({ reporting: 3, ready: 1, stale: [] });
  });

  it('leaves out, as stale, a worker that stopped reporting and a report it cannot read', () => {
    const census = censusOf({ gone: report(LIMITS.worker.heartbeatStaleMs + 1, 'ok'), garbled: '{"at":', alive: report(0, 'ok') }, NOW);
    expect(census).toEqual({ reporting: 1, ready: 1, stale: ['gone', 'garbled'] });
  });
});
