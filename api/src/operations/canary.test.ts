import type { GradingMessage } from '@grader/contracts';
import { createLogger } from '@grader/runtime';
import type { ExerciseVersion } from '../store/exercise-store';
import { Canary } from './canary';

const EXERCISE = { version: { slug: 'sql-x', version: 1 } as ExerciseVersion, files: { 'query.sql': '' } };
const logger = createLogger({ name: 'test', level: 'silent', pretty: false });

function setUp(options: { fail?: boolean } = {}) {
  let now = 1_000_000;
  const queued: string[] = [];
  const queue = {
    async enqueueCanary(id: string) {
      if (options.fail) throw new Error('redis is down');
      queued.push(id);
    },
  };
  const canary = new Canary(queue, { everyMs: 20_000, overdueMs: 30_000, exercise: () => EXERCISE }, logger, () => now);
  const graded = (id: string): GradingMessage => ({ type: 'graded', canary: true, submissionId: id, workerId: 'w', at: new Date(now).toISOString(), result: {} as never });
  return {
    canary,
    queued,
    advance: (ms: number) => (now += ms),
    graded,
    send: () => (canary as unknown as { send(): Promise<void> }).send(),
  };
}

describe('the canary', () => {
  it('is starting until its first grade, then ok with the grade\'s age', async () => {
    const t = setUp();
    await t.send();
    expect(t.canary.state()).toEqual({ status: 'starting', lastGradedAt: null, ageS: null });
    t.advance(2_000);
    t.canary.record(t.graded(t.queued[0]!));
    t.advance(5_000);
    expect(t.canary.state()).toMatchObject({ status: 'ok', ageS: 5 });
  });

  it('reports a stall once a canary waits longer than its overdue time, whatever the last grade', async () => {
    const t = setUp();
    await t.send();
    t.canary.record(t.graded(t.queued[0]!));
    t.advance(20_000);
    await t.send();
    t.advance(30_000);
    expect(t.canary.state().status).toBe('ok');
    t.advance(1);
    expect(t.canary.state().status).toBe('stalled');
  });

  it('counts a grader failure as no grade: the canary stays overdue', async () => {
    const t = setUp();
    await t.send();
    t.canary.record({ type: 'failed', canary: true, submissionId: t.queued[0]!, workerId: 'w', at: new Date().toISOString(), reason: 'engine down' });
    t.advance(30_001);
    expect(t.canary.state().status).toBe('stalled');
  });

  it('queues no second canary while one waits within its time, and one beside an overdue one', async () => {
    const t = setUp();
    await t.send();
    t.advance(20_000);
    await t.send();
    expect(t.queued).toHaveLength(1);
    t.advance(10_001);
    await t.send();
    expect(t.queued).toHaveLength(2);
  });

  it('is ok again once a canary queued after the stall is graded (the overdue ones are forgotten)', async () => {
    const t = setUp();
    await t.send();
    t.advance(30_001);
    await t.send();
    expect(t.canary.state().status).toBe('stalled');
    t.advance(1_000);
    t.canary.record(t.graded(t.queued[1]!));
    expect(t.canary.state().status).toBe('ok');
  });

  it('ignores grades of canaries it did not queue (another API\'s, or a duplicate)', async () => {
    const t = setUp();
    await t.send();
    t.canary.record(t.graded('00000000-0000-4000-8000-000000000000'));
    expect(t.canary.state().status).toBe('starting');
  });

  it('is not a stall when the canary cannot be queued at all (Redis down is the redis check\'s)', async () => {
    const t = setUp({ fail: true });
    await t.send();
    t.advance(60_000);
    expect(t.canary.state().status).toBe('starting');
  });
});
