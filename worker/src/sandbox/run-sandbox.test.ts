/**
 * Runs real containers: needs the Docker engine and the sandbox image
 * (`npm run provision` builds it; GRADER_SANDBOX_IMAGE_PREFIX names it, default grader-sandbox-).
 */
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { ExerciseManifest, SANDBOX_PROTOCOL, type SandboxInput } from '@grader/contracts';
import { SANDBOX_LABELS } from './container-policy';
import { InfrastructureError } from './errors';
import { runSandbox, type SandboxRunResult } from './run-sandbox';

const docker = new Docker();
const image = `${process.env.GRADER_SANDBOX_IMAGE_PREFIX ?? 'grader-sandbox-'}node`;
const submissionIds: string[] = [];

const exerciseFiles = {
  'statement.md': 'List the adult users: name and age.',
  'starter.sql': '',
  'solution.sql': 'SELECT name, age FROM users WHERE age >= 18',
  'data/small.sql': "CREATE TABLE users(name TEXT, age INTEGER); INSERT INTO users VALUES ('ann', 20), ('bob', 12), ('cy', 40);",
  'data/hidden.sql': "CREATE TABLE users(name TEXT, age INTEGER); INSERT INTO users VALUES ('dee', 17), ('eve', 18), ('fay', 81);",
};

function manifest(extra: Record<string, unknown> = {}) {
  return ExerciseManifest.parse({
    slug: 'adult-users',
    title: 'Adult users',
    kind: 'sql-query',
    files: [{ path: 'query.sql', starter: 'starter.sql' }],
    solution: { 'query.sql': 'solution.sql' },
    maxScore: 3,
    tests: [
      { name: 'lists the adults of a small table', points: 1, dataset: 'data/small.sql' },
      { name: 'counts 18 as adult', points: 2, dataset: 'data/hidden.sql', visibility: 'hidden' },
    ],
    ...extra,
  });
}

function grade(query: string, exercise = manifest()): Promise<SandboxRunResult> {
  const submissionId = randomUUID();
  submissionIds.push(submissionId);
  const input: SandboxInput = {
    protocol: SANDBOX_PROTOCOL,
    nonce: 'placeholder0000000000',
    manifest: exercise,
    exerciseFiles,
    submission: { 'query.sql': query },
  };
  return runSandbox(docker, { image, input, submissionId });
}

beforeAll(async () => {
  await docker.getImage(image).inspect().catch(() => {
    throw new Error(`the sandbox image ${image} is missing: run \`npm run provision\` (or build sandbox-images/node by hand)`);
  });
});

afterAll(async () => {
  const left = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABELS.managed}=true`] } });
  const ours = left.filter((c) => submissionIds.includes(c.Labels[SANDBOX_LABELS.submission] ?? ''));
  expect(ours).toEqual([]);
});

describe('runSandbox with the sql-query kind', () => {
  it('gives a correct query full marks', async () => {
    const run = await grade('SELECT name, age\nFROM users\nWHERE age >= 18;\n');
    expect(run.result).toMatchObject({ verdict: 'accepted', score: 3, maxScore: 3 });
    expect(run.result.tests.map((t) => t.status)).toEqual(['passed', 'passed']);
    expect(run.containerId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails a wrong query with a message that points at the difference, and no data of the hidden test', async () => {
    const run = await grade('SELECT name, age FROM users WHERE age > 18');
    expect(run.result).toMatchObject({ verdict: 'tests_failed', score: 1 });
    const [visible, hidden] = run.result.tests;
    expect(visible).toMatchObject({ status: 'passed' });
    expect(hidden).toMatchObject({ status: 'failed', verdict: 'tests_failed', score: 0 });
    expect(hidden?.message).not.toContain('eve');
    expect(hidden?.expected).toBeUndefined();

    const worse = await grade('SELECT name, age FROM users');
    const first = worse.result.tests[0];
    expect(first?.message).toBe("expected 2 rows, got 3; unexpected row ('bob', 12)");
    expect(first?.actual).toContain("'bob'");
  });

  it("reports a syntax error as a compile error with SQLite's message", async () => {
    const run = await grade('SELEC name FROM users');
    expect(run.result).toMatchObject({ verdict: 'compile_error', score: 0 });
    expect(run.result.message).toContain('near "SELEC": syntax error');
    expect(run.result.tests.every((t) => t.verdict === 'compile_error')).toBe(true);
  });

  it('calls an empty query a compile error', async () => {
    const run = await grade('  \n');
    expect(run.result).toMatchObject({ verdict: 'compile_error', message: expect.stringContaining('your query is empty') });
  });

  it('stops a query that runs forever at the test time limit', async () => {
    const run = await grade('WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT count(*) FROM r', manifest({ limits: { testTimeMs: 1000 } }));
    expect(run.result).toMatchObject({ verdict: 'time_limit_exceeded', score: 0 });
    expect(run.result.tests[0]?.message).toBe('your query ran longer than 1 s: check for a missing join condition or an unbounded recursive CTE');
    expect(run.result.tests[0]?.durationMs).toBeGreaterThanOrEqual(1000);
  });

  it('refuses a statement that writes, and ATTACH', async () => {
    expect((await grade('DELETE FROM users RETURNING name, age')).result.verdict).toBe('compile_error');
    expect((await grade("ATTACH DATABASE '/tmp/x.sqlite' AS x")).result.verdict).toBe('compile_error');
  });

  it("reports the kernel's memory kill of the student's process as a memory verdict, the harness surviving", async () => {
    // Time to spare: on a starved host the verdict must still be memory's, not time's.
    const run = await grade('SELECT length(randomblob(400000000)), 1', manifest({ limits: { memoryMb: 128, testTimeMs: 20_000 } }));
    expect(run.result).toMatchObject({ verdict: 'memory_limit_exceeded', score: 0 });
    expect(run.result.tests).toHaveLength(2);
  });

  it('reports a broken exercise (the reference fails on a dataset) as an internal error', async () => {
    const broken = manifest({ solution: { 'query.sql': 'starter.sql' } });
    const run = await grade('SELECT name, age FROM users WHERE age >= 18', broken);
    expect(run.result).toMatchObject({ verdict: 'internal_error', score: 0 });
    expect(run.result.tests[0]?.message).toMatch(/the exercise is broken: the reference solution failed/);
  });

  it('gets an internal error back when the harness refuses its input (a path climbing out of /submission)', async () => {
    const submissionId = randomUUID();
    submissionIds.push(submissionId);
    const input: SandboxInput = {
      protocol: SANDBOX_PROTOCOL,
      nonce: 'placeholder0000000000',
      manifest: manifest(),
      exerciseFiles,
      submission: { '../query.sql': 'SELECT 1' },
    };
    const run = await runSandbox(docker, { image, input, submissionId });
    expect(run.result).toMatchObject({ verdict: 'internal_error', score: 0 });
    expect(run.result.message).toMatch(/does not match the sandbox protocol/);
  });

  it('throws an infrastructure error when the image is missing, leaving no container', async () => {
    const input: SandboxInput = {
      protocol: SANDBOX_PROTOCOL,
      nonce: 'placeholder0000000000',
      manifest: manifest(),
      exerciseFiles,
      submission: { 'query.sql': 'SELECT 1' },
    };
    const submissionId = randomUUID();
    submissionIds.push(submissionId);
    await expect(runSandbox(docker, { image: 'grader-sandbox-no-such-runtime', input, submissionId })).rejects.toBeInstanceOf(InfrastructureError);
  });
});
