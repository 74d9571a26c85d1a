import type { Pipeline } from './pipeline';

/** One piece of hostile student code and the grade it must get. */
export interface Attack {
  threat: string;
  /** The submitted entry file's text. */
  source: string;
  /**
   * The verdict, or the verdicts any of which is right where load decides between them (the
   * property under test is then the score and that nothing leaked, not how the attack ended).
   */
  verdict: string | string[];
  score?: number;
  /** What the visible test's message must say (the others show only their outcome), where the verdict alone does not tell the case apart. */
  message?: RegExp;
}

/** The visible test of the probe-echo exercises, whose message an Attack's `message` is matched against. */
const VISIBLE_TEST = 'answers GET /ping with pong';

/**
 * Submits `attack.source` as `file` of `exercise` through the real pipeline and checks its
 * grade: graded (never the grader's error, which would carry its reason here), with the
 * expected verdict and score, in one attempt. Returns the submission's id.
 */
export async function expectAttackGraded(pipeline: Pipeline, exercise: string, file: string, attack: Attack): Promise<string> {
  const { source, verdict, score, message } = attack;
  const created = await pipeline.student.submit(exercise, { [file]: source });
  expect(created.status).toBe(202);
  const graded = await pipeline.student.waitForGrade(created.body.id);
  const graderError = graded.status === 'error' ? pipeline.graderErrorOf(created.body.id) : undefined;
  const verdicts = [verdict].flat();
  expect({ status: graded.status, verdict: verdicts.includes(graded.verdict) ? verdicts[0] : graded.verdict, score: graded.score, graderError }).toEqual({
    status: 'graded',
    verdict: verdicts[0],
    score: score ?? 0,
    graderError: undefined,
  });
  expect(await pipeline.attemptsOf(created.body.id)).toBe(1);
  if (message) expect((graded.tests as Array<{ name: string; message: string }>).find((t) => t.name === VISIBLE_TEST)?.message).toMatch(message);
  return created.body.id as string;
}

/**
 * Submits the isolation probe (`source` as `file` of `exercise`: an app that reports what it can
 * reach from inside the sandbox) and checks that each of its tests passed, i.e. it reached
 * nothing; a failing test's message says what it reached. Returns the submission's id.
 */
export async function expectIsolated(pipeline: Pipeline, exercise: string, file: string, source: string): Promise<string> {
  const graded = await pipeline.student.submitAndWait(exercise, { [file]: source });
  expect(graded.tests.map((t: { name: string; status: string; message: string }) => [t.name, t.status, t.status === 'passed' ? '' : t.message])).toEqual([
    ['has no network interface but loopback', 'passed', ''],
    ['cannot resolve names', 'passed', ''],
    ["cannot read the grader's files or processes", 'passed', ''],
    ['can write nowhere but its scratch space', 'passed', ''],
    ['has no secret in its environment', 'passed', ''],
  ]);
  return graded.id as string;
}
