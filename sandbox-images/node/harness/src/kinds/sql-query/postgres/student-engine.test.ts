import { CappedOutput } from '../../../common/process/capped-output';
import type { StudentProcessOutcome } from '../../../common/process/run-as-student';
import type { PgResponse } from './pg-protocol';
import type { SessionRun } from './pg-session';
import { StudentEngine, type EngineSession, type EngineStart } from './student-engine';

const LIMITS = { testTimeMs: 2000, memoryMb: 640, loadTimeMs: 5000 };
const REQUEST = { dataset: 'CREATE TABLE t (n int);', query: 'SELECT n FROM t' };
const OK: PgResponse = { kind: 'ok', columns: ['n'], rows: [[1]] };

function ended(overrides: Partial<StudentProcessOutcome> = {}, stderr = ''): StudentProcessOutcome {
  const err = new CappedOutput(4096);
  err.push(Buffer.from(stderr));
  return { exitCode: null, signal: 'SIGKILL', timedOut: false, stopped: true, outputLimitExceeded: false, memoryKilled: false, processLimitHit: false, stdout: new CappedOutput(0), stderr: err, durationMs: 1, ...overrides };
}

const timeout = (): SessionRun => ({ kind: 'timeout', durationMs: 2000, outcome: ended() });
const response = (r: PgResponse = OK): SessionRun => ({ kind: 'response', response: r, durationMs: 5 });

/** Engines that play the given runs in order, one list per engine started; a start may fail. */
function engines(plan: Array<SessionRun[] | 'start-fails' | 'start-out-of-memory'>) {
  const started: string[] = [];
  let next = 0;
  const start = async (): Promise<EngineStart> => {
    const step = plan[next++];
    if (step === undefined) throw new Error('more engines started than planned');
    if (step === 'start-fails' || step === 'start-out-of-memory') {
      started.push(step);
      return { kind: 'failed', why: 'timeout', outcome: ended({ memoryKilled: step === 'start-out-of-memory' }) };
    }
    started.push('ready');
    const runs = [...step];
    const session: EngineSession = {
      run: async () => runs.shift() ?? response(),
      close: async () => undefined,
    };
    return { kind: 'ready', session };
  };
  return { engine: new StudentEngine(start, LIMITS), started };
}

describe('the student\'s PostgreSQL engine over a submission\'s tests', () => {
  it('gives every test of a query that always runs away its time-out, on a new engine each time', async () => {
    const { engine, started } = engines([[timeout()], [timeout()], [timeout()]]);
    for (let i = 0; i < 3; i++) expect(await engine.test(REQUEST)).toMatchObject({ kind: 'timeout', limitMs: 2000 });
    expect(started).toEqual(['ready', 'ready', 'ready']);
  });

  it('tries a failed start once more: starting an engine runs nothing of the student\'s', async () => {
    const { engine, started } = engines(['start-fails', [response()]]);
    expect(await engine.test(REQUEST)).toMatchObject({ kind: 'rows' });
    expect(started).toEqual(['start-fails', 'ready']);
  });

  it('gives the tests after a runaway its verdict, not a grader error, when no engine starts again', async () => {
    const { engine } = engines([[timeout()], 'start-fails', 'start-fails']);
    expect(await engine.test(REQUEST)).toMatchObject({ kind: 'timeout' });
    const after = await engine.test(REQUEST);
    expect(after).toMatchObject({ kind: 'not-run', earlier: { kind: 'timeout', limitMs: 2000 } });
    expect(await engine.test(REQUEST)).toBe(after);
  });

  it('calls an engine that never starts before any query ran the grader\'s failure, and one killed for memory the memory limit', async () => {
    expect(await engines(['start-fails', 'start-fails']).engine.test(REQUEST)).toMatchObject({ kind: 'internal' });
    expect(await engines(['start-out-of-memory']).engine.test(REQUEST)).toMatchObject({ kind: 'memory', limitMb: 640 });
  });

  it('runs a test again on a fresh engine when a used one fails before the query, which an earlier query may have caused', async () => {
    const brokenByEarlierQuery: SessionRun = { kind: 'ended', during: 'load', durationMs: 1, outcome: ended({ signal: null, exitCode: 1, stopped: false }) };
    const { engine, started } = engines([[response(), brokenByEarlierQuery], [response()]]);
    expect(await engine.test(REQUEST)).toMatchObject({ kind: 'rows' });
    expect(await engine.test(REQUEST)).toMatchObject({ kind: 'rows' });
    expect(started).toEqual(['ready', 'ready']);
  });

  it('calls an engine that dies running the query the query\'s failure: memory when it says so, else a runtime error', async () => {
    const died = (stderr: string): SessionRun => ({ kind: 'ended', during: 'query', durationMs: 1, outcome: ended({ signal: null, exitCode: 1, stopped: false }, stderr) });
    const { engine } = engines([[died('RangeError: Array buffer allocation failed')], [died('RuntimeError: unreachable')], [died('RangeError: Invalid string length')]]);
    expect(await engine.test(REQUEST)).toMatchObject({ kind: 'memory' });
    expect(await engine.test(REQUEST)).toMatchObject({ kind: 'runtime', message: 'the database engine stopped while running your query (exit 1)' });
    expect(await engine.test(REQUEST)).toMatchObject({ kind: 'too-large' });
  });

  it('puts the process limit first, whatever else ended the engine', async () => {
    const { engine } = engines([[{ kind: 'timeout', durationMs: 2000, outcome: ended({ processLimitHit: true }) }]]);
    expect(await engine.test(REQUEST)).toMatchObject({ kind: 'processes' });
  });
});
