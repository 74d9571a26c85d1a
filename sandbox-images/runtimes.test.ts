import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Docker from 'dockerode';
import { KIND_MANIFESTS, ManifestCommon, SANDBOX_PROTOCOL, type ExerciseManifest } from '@grader/contracts';
import { loadExerciseFolder } from '../api/src/exercises/exercise-package';
import { runSandbox } from '../worker/src/sandbox/run-sandbox';
import { STANDARD_KINDS } from './node/harness/src/kinds/registry';
import { listRuntimes } from './runtimes';

const EXERCISES_DIR = path.resolve(__dirname, '../exercises');
const prefix = process.env.GRADER_SANDBOX_IMAGE_PREFIX ?? 'grader-sandbox-';
const runtimes = listRuntimes();

/** The kinds each runtime's harness registers, by runtime. */
const HARNESS_KINDS: Record<string, readonly string[]> = { node: STANDARD_KINDS.map((kind) => kind.name), python: STANDARD_KINDS.map((kind) => kind.name) };

describe('the runtimes (sandbox-images/<runtime>/ with runtime.json)', () => {
  it('are exactly the runtimes a manifest may name', () => {
    expect(runtimes.map((r) => r.name).sort()).toEqual([...ManifestCommon.runtime.unwrap().options].sort());
  });

  it('each list the kinds their harness registers, and every kind of the manifest is graded by some runtime', () => {
    for (const runtime of runtimes) expect([...runtime.kinds].sort()).toEqual([...(HARNESS_KINDS[runtime.name] ?? [])].sort());
    const served = new Set(runtimes.flatMap((r) => r.kinds));
    expect(KIND_MANIFESTS.map((m) => m.shape.kind.value).filter((kind) => !served.has(kind))).toEqual([]);
  });

  it('each self-test exercise is of a kind the runtime serves, and each kind served has one', () => {
    for (const runtime of runtimes) {
      const kinds = runtime.selfTest.map((slug) => loadExerciseFolder(path.join(EXERCISES_DIR, slug)).manifest.kind);
      expect(new Set(kinds)).toEqual(new Set(runtime.kinds));
    }
  });
});

describe.each(runtimes.map((r) => [r.name, r] as const))('the self-test of the %s runtime, in its built image', (_name, runtime) => {
  const docker = new Docker();
  const image = `${prefix}${runtime.name}`;
  beforeAll(async () => {
    await docker.getImage(image).inspect().catch(() => {
      throw new Error(`the sandbox image ${image} is missing: run \`npm run provision\``);
    });
  });

  it.each(runtime.selfTest)('grades the reference solution of %s with full marks', async (slug) => {
    const { manifest, files } = loadExerciseFolder(path.join(EXERCISES_DIR, slug));
    const submission = Object.fromEntries(Object.entries(manifest.solution).map(([submitted, packagePath]) => [submitted, files[packagePath]!]));
    const { result } = await runSandbox(docker, { image, submissionId: randomUUID(), input: { protocol: SANDBOX_PROTOCOL, manifest, exerciseFiles: files, submission } });
    expect({ verdict: result.verdict, score: result.score }).toEqual({ verdict: 'accepted', score: manifest.maxScore });
  });
});

describe('a runtime that extends another grades that runtime\'s kinds identically', () => {
  const docker = new Docker();
  const extending = runtimes.filter((r) => r.extends !== undefined);
  // A known-wrong query (its counterexamples, messages and rows included) and the reference, under
  // both manifests: `runtime: node` in the node image, `runtime: python` in the python image.
  const CANDIDATES = ['solution/query.sql', 'wrong/no-tie-break/query.sql', 'wrong/group-by-name/query.sql'];

  it.each(extending.flatMap((r) => CANDIDATES.map((file) => [r.name, r.extends!, file] as const)))('%s and %s give sql-revenue-by-customer\'s %s the same result', async (name, base, file) => {
    const { manifest, files } = loadExerciseFolder(path.join(EXERCISES_DIR, 'sql-revenue-by-customer'));
    const submission = { 'query.sql': files[file]! };
    const grade = async (runtime: ExerciseManifest['runtime']) => {
      const { result } = await runSandbox(docker, {
        image: `${prefix}${runtime}`,
        submissionId: randomUUID(),
        input: { protocol: SANDBOX_PROTOCOL, manifest: { ...manifest, runtime } as ExerciseManifest, exerciseFiles: files, submission },
      });
      // Durations are the machine's, not the grade's.
      return JSON.parse(JSON.stringify(result, (key, value: unknown) => (key === 'durationMs' ? undefined : value))) as unknown;
    };
    expect(await grade(name as ExerciseManifest['runtime'])).toEqual(await grade(base as ExerciseManifest['runtime']));
  });
});
