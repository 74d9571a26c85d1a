/**
 * The warm pool with the real Docker engine and the sandbox image (`npm run provision`).
 * Polls with generous deadlines for what happens in the background; asserts no timing.
 */
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import path from 'node:path';
import { ExerciseManifest, SANDBOX_PROTOCOL } from '@grader/contracts';
import { loadExerciseFolder } from '../../../api/src/exercises/exercise-package';
import { REPO_ROOT } from '../../../tests/support/pipeline';
import { until } from '../../../tests/support/wait';
import { SANDBOX_LABELS } from './container-policy';
import { runSandbox } from './run-sandbox';
import { WarmPool } from './warm-pool';

const docker = new Docker();
const image = `${process.env.GRADER_SANDBOX_IMAGE_PREFIX ?? 'grader-sandbox-'}node`;
const pools: WarmPool[] = [];

function pool(options: { size: number; maxAgeMs?: number; images?: string[] }): WarmPool {
  const made = new WarmPool(docker, { images: options.images ?? [image], size: options.size, maxAgeMs: options.maxAgeMs });
  pools.push(made);
  made.start();
  return made;
}

async function filled(p: WarmPool, img = image, size = 1): Promise<void> {
  await until(async () => (p.stats()[img]?.ready ?? 0) >= size, 60_000, `${size} warm container(s) of ${img}`);
}

const exerciseFiles = {
  'starter.sql': '',
  'solution.sql': 'SELECT n FROM t ORDER BY n',
  'data/t.sql': 'CREATE TABLE t(n INTEGER); INSERT INTO t VALUES (2), (1);',
};

function input(query: string, memoryMb?: number) {
  const manifest = ExerciseManifest.parse({
    slug: 'pool-probe',
    title: 'Pool probe',
    kind: 'sql-query',
    files: [{ path: 'query.sql', starter: 'starter.sql' }],
    solution: { 'query.sql': 'solution.sql' },
    maxScore: 1,
    // A query sized to test memory gets time to spare: on a starved host its verdict must still be memory's.
    ...(memoryMb ? { limits: { memoryMb, testTimeMs: 20_000 } } : {}),
    tests: [{ name: 'lists n in order', points: 1, dataset: 'data/t.sql' }],
  });
  return { protocol: SANDBOX_PROTOCOL, manifest, exerciseFiles, submission: { 'query.sql': query } } as const;
}

async function managedIds(): Promise<string[]> {
  return (await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABELS.managed}=true`] } })).map((c) => c.Id);
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('the warm pool', () => {
  it('keeps as many containers ready as its size, started with the pooled label and name', async () => {
    const p = pool({ size: 2 });
    await filled(p, image, 2);
    const warm = await Promise.all(p.readyIds(image).map((id) => docker.getContainer(id).inspect()));
    expect(warm).toHaveLength(2);
    for (const container of warm) {
      expect(container.Name).toMatch(/^\/grader-pool-[0-9a-f]{8}$/);
      expect(container.Config.Labels).toMatchObject({ [SANDBOX_LABELS.pooled]: 'true' });
      expect(container.State.Running).toBe(true);
      // The policy of a cold container (container-policy.test.ts checks every setting of it).
      expect(container.HostConfig).toMatchObject({ NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'], Memory: 256 * 1024 * 1024 });
    }
    expect(p.stats()[image]).toEqual({ ready: 2, starting: 0 });
  });

  it('hands each container out once and starts another in its place', async () => {
    const p = pool({ size: 1 });
    await filled(p);
    const first = p.take(image)!;
    expect(first.container.id).toMatch(/^[0-9a-f]{64}$/);
    const meanwhile = p.take(image); // the replacement is still starting
    expect(meanwhile?.container.id).toBeUndefined();
    await filled(p);
    const second = p.take(image)!;
    expect(second.container.id).not.toBe(first.container.id);
    p.dispose(first);
    p.dispose(second);
  });

  it('starts the replacement of a container taken while another waits when the taken one is disposed of, and of the last one at once', async () => {
    const p = pool({ size: 2 });
    await filled(p, image, 2);
    const first = p.take(image)!;
    // The other still waits: no warm-up beside the run of the first.
    expect(p.stats()[image]).toEqual({ ready: 1, starting: 0 });
    p.dispose(first);
    expect(p.stats()[image]).toEqual({ ready: 1, starting: 1 });
    await filled(p, image, 2);
    const second = p.take(image)!;
    const last = p.take(image)!;
    // The last one taken: both replacements start at once.
    expect(p.stats()[image]).toEqual({ ready: 0, starting: 2 });
    p.dispose(second);
    p.dispose(last);
    expect(p.stats()[image]).toEqual({ ready: 0, starting: 2 });
  });

  it("grades a submission in a warm container, named after it, and removes the container after the run", async () => {
    const p = pool({ size: 1 });
    await filled(p);
    const submissionId = randomUUID();
    const run = await runSandbox(docker, { image, input: input('SELECT n FROM t ORDER BY n'), submissionId }, p);
    expect(run).toMatchObject({ warm: true, result: { verdict: 'accepted', score: 1 } });
    await until(async () => !(await managedIds()).includes(run.containerId), 30_000, 'the used container removed');
  });

  it('never gives two submissions the same container', async () => {
    const p = pool({ size: 2 });
    await filled(p, image, 2);
    const runs = await Promise.all([1, 2, 3].map(() => runSandbox(docker, { image, input: input('SELECT n FROM t ORDER BY n'), submissionId: randomUUID() }, p)));
    expect(new Set(runs.map((r) => r.containerId)).size).toBe(3);
    expect(runs.filter((r) => r.warm).length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.result.verdict === 'accepted')).toBe(true);
  });

  it("gives a warm container the exercise's memory before the student's code runs, less and more than it has, and starts the next ones with it", async () => {
    const p = pool({ size: 1 });
    await filled(p);
    const memoryOf = async (id: string) => (await docker.getContainer(id).inspect()).HostConfig.Memory;
    expect(await memoryOf(p.readyIds(image)[0]!)).toBe(256 * 1024 * 1024);
    const starved = await runSandbox(docker, { image, input: input('SELECT length(randomblob(400000000)), 1', 128), submissionId: randomUUID() }, p);
    expect(starved).toMatchObject({ warm: true, result: { verdict: 'memory_limit_exceeded', score: 0 } });
    // The replacement is started with the memory the last submission asked for.
    await filled(p);
    expect(await memoryOf(p.readyIds(image)[0]!)).toBe(128 * 1024 * 1024);
    const plenty = await runSandbox(docker, { image, input: input('SELECT length(randomblob(200000000)), 1', 640), submissionId: randomUUID() }, p);
    // 200 MB fits in 640 MiB (the query answers; its rows are simply not the expected ones), not in 128.
    expect(plenty).toMatchObject({ warm: true, result: { verdict: 'tests_failed' } });
  });

  it('does not hand out a container that died while it waited; the run starts a cold one', async () => {
    const p = pool({ size: 1 });
    await filled(p);
    const [waiting] = p.readyIds(image);
    await docker.getContainer(waiting!).kill();
    await until(async () => (await docker.getContainer(waiting!).inspect()).State.Running === false, 30_000, 'the kill');
    const run = await runSandbox(docker, { image, input: input('SELECT n FROM t ORDER BY n'), submissionId: randomUUID() }, p);
    expect(run.containerId).not.toBe(waiting);
    expect(run.result.verdict).toBe('accepted');
  });

  it('replaces a container past its age, unused', async () => {
    const p = pool({ size: 1, maxAgeMs: 2_000 });
    await filled(p);
    const [first] = p.readyIds(image);
    await until(async () => !(await managedIds()).includes(first!), 60_000, 'the old container replaced');
    await filled(p);
  });

  it('grades TypeScript in a container warmed for it with the diagnostics of a cold check, and full marks for the reference', async () => {
    const { manifest, files } = loadExerciseFolder(path.join(REPO_ROOT, 'exercises', 'rest-notes-typescript'));
    const reference = files[manifest.solution['app.ts']!]!;
    const mistaken = reference.replace('interface Note {', "const port: number = '3000';\nlet unused: string = 42;\ninterface Note {");
    const p = pool({ size: 1 });
    p.keepWarm(image, 'typescript');
    const gradeIn = async (source: string, warm: boolean) => {
      if (warm) await until(async () => p.preparedIds(image, 'typescript').length > 0, 60_000, 'a container warmed for TypeScript');
      const input = { protocol: SANDBOX_PROTOCOL, manifest, exerciseFiles: files, submission: { 'app.ts': source } } as const;
      return runSandbox(docker, { image, input, submissionId: randomUUID() }, warm ? p : undefined);
    };
    const [warmWrong, coldWrong] = [await gradeIn(mistaken, true), await gradeIn(mistaken, false)];
    expect([warmWrong.warm, coldWrong.warm]).toEqual([true, false]);
    expect(warmWrong.result.verdict).toBe('compile_error');
    expect(warmWrong.result.message).toMatch(/^app\.ts:3: Type 'string' is not assignable to type 'number'\. \(TS2322\)\napp\.ts:4: Type 'number' is not assignable to type 'string'/);
    expect(warmWrong.result.message).toBe(coldWrong.result.message);
    const right = await gradeIn(reference, true);
    expect(right).toMatchObject({ warm: true, result: { verdict: 'accepted', score: manifest.maxScore } });
  });

  it("says when a warm container's harness waits with its profile prepared: without a profile, and with both PostgreSQL engines started", async () => {
    const p = pool({ size: 1 });
    p.keepWarm(image, 'postgres');
    await until(async () => p.preparedIds(image).length > 0, 60_000, 'a plain warm container, prepared');
    // A failed preparation says `unprepared` and never counts: a broken postgres profile fails here.
    await until(async () => p.preparedIds(image, 'postgres').length > 0, 60_000, 'a container warmed for PostgreSQL, prepared').catch(async (err: Error) => {
      // Say why: the harness logs a failed preparation on stderr.
      const logs = await Promise.all(p.readyIds(image, 'postgres').map(async (id) => String(await docker.getContainer(id).logs({ stderr: true, stdout: false }))));
      throw new Error(`${err.message}; the warm containers' stderr:\n${logs.join('\n---\n')}`);
    });
    expect(p.preparedIds(image, 'postgres')).toEqual(p.readyIds(image, 'postgres'));
  });

  it('removes every warm container when closed', async () => {
    const p = pool({ size: 2 });
    await filled(p, image, 2);
    const warm = p.readyIds(image);
    await p.close();
    const left = await managedIds();
    expect(warm.filter((id) => left.includes(id))).toEqual([]);
  });

  it('gives up on an image that cannot be started, and the run says so as an infrastructure failure', async () => {
    const missing = 'grader-sandbox-no-such-runtime';
    const p = pool({ size: 1, images: [missing] });
    await until(async () => p.stats()[missing]?.starting === 0, 30_000, 'the failed start');
    expect(p.stats()[missing]?.ready).toBe(0);
    await expect(runSandbox(docker, { image: missing, input: input('SELECT 1'), submissionId: randomUUID() }, p)).rejects.toThrow(/could not create the container/);
  });
});
