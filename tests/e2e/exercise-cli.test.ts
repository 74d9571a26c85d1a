import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pushFolder } from '../../scripts/exercise/push-folder';
import { formatReport } from '../../scripts/exercise/report';
import { validateFolder } from '../../scripts/exercise/validate-folder';
import { countRowsExercise } from '../support/exercise-package';
import { startPipeline, type Pipeline } from '../support/pipeline';

/** Writes an exercise's files as a folder, the way an author keeps it. */
function folderOf(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exercise-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const sandbox = { dockerSocket: process.env.GRADER_DOCKER_SOCKET ?? '/var/run/docker.sock', imagePrefix: process.env.GRADER_SANDBOX_IMAGE_PREFIX ?? 'grader-sandbox-' };

describe('npm run exercise -- validate <dir>', () => {
  it('grades a folder’s solutions in the local sandbox, with no server, and passes a sound exercise', async () => {
    const result = await validateFolder(folderOf(countRowsExercise('cli-sound')), sandbox);
    expect(result.passed).toBe(true);
    expect(result.candidates.map((c) => c.candidate)).toEqual(['reference', 'alternative alternatives/sum', 'known-wrong wrong/constant', 'starter']);
    expect(formatReport(result.candidates)).toMatch(/PASSED: all 4 candidates landed where expected$/);
  });

  it('fails an exercise whose known-wrong solution passes, and says why', async () => {
    const result = await validateFolder(folderOf(countRowsExercise('cli-weak', { 'wrong/constant/query.sql': 'SELECT count(n) FROM t' })), sandbox);
    expect(result.passed).toBe(false);
    const report = formatReport(result.candidates);
    expect(report).toContain('✗ known-wrong wrong/constant: 2/2 (accepted); expected at most 1 of 2');
    expect(report).toContain('the tests do not catch its mistake (always answers 3)');
    expect(report).toMatch(/FAILED: 1 of 4 candidates did not$/);
  });
});

describe('npm run exercise -- push <dir>', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await startPipeline({ exercisesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'no-exercises-')) });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it('uploads a folder as a draft, validates it on the server and publishes it when it passes', async () => {
    const instructor = await pipeline.createUser('instructor', 'cli-author');
    const pushed = await pushFolder(folderOf(countRowsExercise('cli-pushed')), { server: pipeline.url, token: instructor.token!, publish: true });
    expect(pushed.validation.status).toBe('passed');
    expect(pushed.published).toEqual({ slug: 'cli-pushed', version: 1, created: true });
    expect((await pipeline.student.request('GET', '/api/exercises/cli-pushed')).status).toBe(200);

    const weak = await pushFolder(folderOf(countRowsExercise('cli-pushed', { 'starter/query.sql': 'SELECT count(*) FROM t' })), { server: pipeline.url, token: instructor.token!, publish: true });
    expect(weak.validation.status).toBe('failed');
    expect(weak.published).toBeUndefined();
    expect((await pipeline.student.request('GET', '/api/exercises/cli-pushed')).body.version).toBe(1);
  });

  it('says why the server refused a push', async () => {
    await expect(pushFolder(folderOf(countRowsExercise('cli-refused')), { server: pipeline.url, token: pipeline.student.token!, publish: true })).rejects.toThrow(
      /the server refused the package: 403/,
    );
  });
});
