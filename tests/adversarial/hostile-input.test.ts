import { startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

/**
 * File names are data, never paths to follow or words of a command: anything that could
 * climb out of the submission folder, hide a character, or mean something to a shell is
 * refused with 400 before anything is stored or queued.
 */
const EXERCISE = 'sql-revenue-by-customer';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline({ worker: false });
});
afterAll(async () => {
  await pipeline?.close();
});

async function expectRefusedAndNothingStored(body: unknown, status: number, code: string) {
  const rows = pipeline.submissionRows();
  const jobs = await pipeline.gradeJobs();
  expectProblem(await pipeline.student.request('POST', '/api/submissions', body), status, code);
  expect(pipeline.submissionRows()).toBe(rows);
  expect(await pipeline.gradeJobs()).toBe(jobs);
}

describe('hostile file names are refused before anything is stored', () => {
  it.each([
    ['path traversal', '../query.sql'],
    ['deep path traversal', 'a/../../../etc/passwd'],
    ['an encoded-looking traversal kept literal', '..%2fquery.sql'],
    ['an absolute path', '/etc/passwd'],
    ['a Windows drive path', 'C:\\query.sql'],
    ['a backslash traversal', '..\\query.sql'],
    ['a NUL byte', 'query.sql\u0000.png'],
    ['a newline', 'query\n.sql'],
    ['an escape sequence', 'query\u001b[2J.sql'],
    ['shell command substitution', '$(touch /tmp/pwned).sql'],
    ['backticks', '`reboot`.sql'],
    ['a command separator', 'query.sql;rm -rf /'],
    ['a pipe', 'query.sql|sh'],
    ['a glob', '*.sql'],
    ['a home-relative path', '~/query.sql'],
    ['a dot segment', './query.sql'],
    ['an empty name', ''],
  ])('%s (%j)', async (_threat, name) => {
    await expectRefusedAndNothingStored({ exercise: EXERCISE, files: { [name]: 'SELECT 1' } }, 400, 'validation_failed');
  });
});

describe('oversized submissions are refused before anything is stored', () => {
  it('a body over the HTTP limit → 413', async () => {
    await expectRefusedAndNothingStored({ exercise: EXERCISE, files: { 'query.sql': 'x'.repeat(2 * 1024 * 1024) } }, 413, 'payload_too_large');
  });

  it('one file over the file limit → 400', async () => {
    await expectRefusedAndNothingStored({ exercise: EXERCISE, files: { 'query.sql': 'x'.repeat(64 * 1024 + 1) } }, 400, 'validation_failed');
  });

  it('too many files → 400', async () => {
    const files = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}.sql`, 'x']));
    await expectRefusedAndNothingStored({ exercise: EXERCISE, files }, 400, 'validation_failed');
  });

  it('deeply nested JSON is refused without a crash', async () => {
    const nested = '['.repeat(100_000) + ']'.repeat(100_000);
    const response = await pipeline.student.request('POST', '/api/submissions', nested);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await pipeline.student.request('GET', '/healthz')).status).toBe(200);
  });
});
