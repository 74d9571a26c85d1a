/**
 * An exercise kind is a plug-in: kind `shout`, defined only in this folder (its manifest
 * schema, its grader, its student-side runner) and registered by one line in
 * harness-entry.ts, is graded end to end through the real sandbox.
 *
 * The harness bundle and the runners are built as the image's own are (prepare-context.ts's
 * bundleHarness, with the kind added to the standard ones); a derived image FROM the current
 * sandbox image replaces /opt/harness and adds the runner; the worker's runSandbox grades a
 * correct and a wrong submission in fresh containers. The derived image is removed afterwards
 * (runSandbox removes each container).
 *
 * Needs the Docker engine and the image grader-sandbox-node (`npm run provision`).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { SANDBOX_PROTOCOL, type ExerciseManifest, type SandboxResult } from '@grader/contracts';
import { STANDARD_KINDS } from '../../../sandbox-images/node/harness/src/kinds/registry';
import { bundleHarness } from '../../../sandbox-images/node/prepare-context';
import { readMessages } from '../../../scripts/provision/docker-stream';
import { runSandbox } from '../../../worker/src/sandbox/run-sandbox';
import { ShoutManifest } from './shout/manifest';
import { shout } from './shout/kind';

const baseImage = `${process.env.GRADER_SANDBOX_IMAGE_PREFIX ?? 'grader-sandbox-'}node`;
const derivedImage = `grader-plugin-kind-test:${randomUUID().slice(0, 8)}`;
const docker = new Docker();

/** The derived image's recipe: the test's harness (root only, as in the image) and its runners (readable by all). */
const DOCKERFILE = `FROM ${baseImage}
COPY harness /opt/harness
COPY runner /opt/runner
RUN chmod -R u=rwX,go= /opt/harness && chmod -R a+rX /opt/runner
`;

const manifest = ShoutManifest.parse({
  slug: 'shout-hello',
  title: 'Shout',
  kind: 'shout',
  files: [{ path: 'shout.js', starter: 'starter/shout.js' }],
  solution: { 'shout.js': 'solution/shout.js' },
  maxScore: 3,
  shout: {},
  tests: [
    { name: 'shouts a word', points: 1, input: 'hello', expected: 'HELLO!' },
    { name: 'shouts a sentence', points: 2, visibility: 'hidden', input: 'make it loud', expected: 'MAKE IT LOUD!' },
  ],
});

async function grade(submission: Record<string, string>): Promise<SandboxResult> {
  const run = await runSandbox(docker, {
    image: derivedImage,
    submissionId: randomUUID(),
    // The shared manifest type knows the standard kinds only; the harness checks this one with its own schema.
    input: { protocol: SANDBOX_PROTOCOL, manifest: manifest as unknown as ExerciseManifest, exerciseFiles: {}, submission },
  });
  return run.result;
}

let context: string;

beforeAll(async () => {
  await docker.getImage(baseImage).inspect().catch(() => {
    throw new Error(`the sandbox image ${baseImage} is missing: run \`npm run provision\``);
  });
  context = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-kind-'));
  await bundleHarness(context, path.join(__dirname, 'harness-entry.ts'), [...STANDARD_KINDS, shout]);
  fs.writeFileSync(path.join(context, 'Dockerfile'), DOCKERFILE);
  const stream = await docker.buildImage({ context, src: ['Dockerfile', 'harness', 'runner'] }, { t: derivedImage, rm: true, forcerm: true });
  const summary = await readMessages(docker.modem, stream);
  if (summary.error) throw new Error(`docker build of ${derivedImage} failed: ${summary.error}`);
}, 300_000);

afterAll(async () => {
  await docker
    .getImage(derivedImage)
    .remove({ force: true })
    .catch(() => undefined);
  if (context) fs.rmSync(context, { recursive: true, force: true });
});

describe('a kind defined only under the tests, registered by one line', () => {
  it('bundles its student-side runner beside the standard ones', () => {
    expect(fs.readdirSync(path.join(context, 'runner')).sort()).toEqual(['clear-files-runner.js', 'injection-runner.js', 'jest-runner.js', 'pg-runner.js', 'rest-runner.js', 'shout-runner.js', 'sql-runner.js']);
  });

  it('gives a correct submission full marks', async () => {
    const result = await grade({ 'shout.js': "module.exports = (text) => `${text.toUpperCase()}!`;\n" });
    expect(result).toMatchObject({ verdict: 'accepted', score: 3, maxScore: 3, message: 'all 2 tests passed' });
    expect(result.tests.map((t) => [t.name, t.status, t.score])).toEqual([
      ['shouts a word', 'passed', 1],
      ['shouts a sentence', 'passed', 2],
    ]);
  });

  it('fails a wrong submission on each test, with expected and actual for the visible one', async () => {
    const result = await grade({ 'shout.js': 'module.exports = (text) => text.toUpperCase();\n' });
    expect(result).toMatchObject({ verdict: 'tests_failed', score: 0, maxScore: 3, message: '0 of 2 tests passed' });
    expect(result.tests[0]).toMatchObject({ status: 'failed', verdict: 'tests_failed', expected: 'HELLO!', actual: 'HELLO' });
    expect(result.tests[1]).toMatchObject({ status: 'failed', visibility: 'hidden', score: 0 });
  });

  it('gives every test the precheck\'s outcome when the module is missing', async () => {
    const result = await grade({ 'other.js': 'module.exports = 1;\n' });
    expect(result).toMatchObject({ verdict: 'runtime_error', score: 0 });
    expect(result.tests.map((t) => t.message)).toEqual(['your submission has no file shout.js', 'your submission has no file shout.js']);
  });
});
