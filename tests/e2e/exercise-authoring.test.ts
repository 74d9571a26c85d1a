import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as A from '@grader/contracts';
import { draftAndValidate, publishExercise, upload, validate } from '../support/authoring';
import { countRowsExercise, packageTarGz, packageZip, packTarGz } from '../support/exercise-package';
import type { ApiClient } from '../support/http';
import { startPipeline, type Pipeline } from '../support/pipeline';
import { expectProblem } from '../support/problem';

let pipeline: Pipeline;
let instructor: ApiClient;
beforeAll(async () => {
  // No catalogue: these tests bring their own small exercises.
  pipeline = await startPipeline({ exercisesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'no-exercises-')) });
  instructor = await pipeline.createUser('instructor', 'author');
});
afterAll(async () => {
  await pipeline?.close();
});

describe('publishing an exercise that passes its validation', () => {
  it('publishes a package sent as JSON files once the sandbox has graded every solution it ships', async () => {
    const files = countRowsExercise('count-rows-json');
    const created = await instructor.request('POST', '/api/instructor/drafts', { files });
    expect(created.status).toBe(201);
    const draft = A.DraftSummary.parse(created.body);
    expect(created.headers.get('location')).toBe(`/api/instructor/drafts/${draft.id}`);
    // Students never see a draft.
    expectProblem(await pipeline.student.request('GET', '/api/exercises/count-rows-json'), 404, 'not_found');
    expectProblem(await instructor.request('POST', `/api/instructor/drafts/${draft.id}/publish`), 409, 'not_validated');

    const validation = A.ValidationView.parse(await validate(instructor, draft.id));
    expect(validation.status).toBe('passed');
    expect(validation.candidates!.map((c) => [c.candidate, c.score, c.ok])).toEqual([
      ['reference', 2, true],
      ['alternative alternatives/sum', 2, true],
      ['known-wrong wrong/constant', 1, true],
      ['starter', 1, true],
    ]);
    expect(validation.candidates![2]!.tests.map((t) => t.status)).toEqual(['passed', 'failed']);

    const published = await instructor.request('POST', `/api/instructor/drafts/${draft.id}/publish`);
    expect(published.status).toBe(201);
    expect(A.Published.parse(published.body)).toMatchObject({ slug: 'count-rows-json', version: 1, created: true });
    const seen = await pipeline.student.request('GET', '/api/exercises/count-rows-json');
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ version: 1, maxScore: 2, starterFiles: { 'query.sql': 'SELECT 0\n' } });
    // A published draft is the record of what was validated: it no longer changes.
    expectProblem(await instructor.request('PUT', `/api/instructor/drafts/${draft.id}`, { files }), 409, 'draft_closed');
    const graded = await pipeline.student.submitAndWait('count-rows-json', { 'query.sql': 'SELECT count(*) FROM t' });
    expect(graded).toMatchObject({ status: 'graded', score: 2, verdict: 'accepted', exerciseVersion: 1 });
  });

  it.each([
    ['.tar.gz', 'application/gzip', (files: Record<string, string>) => packageTarGz(files)],
    ['.zip', 'application/zip', (files: Record<string, string>) => packageZip(files)],
  ])('publishes a package uploaded as a %s archive', async (ext, type, pack) => {
    const slug = `count-rows-${ext === '.zip' ? 'zip' : 'tgz'}`;
    const files = countRowsExercise(slug);
    const created = await upload(instructor, 'POST', '/api/instructor/drafts', await pack(files), type);
    expect(created.status).toBe(201);
    const detail = await instructor.request('GET', `/api/instructor/drafts/${created.body.id}`);
    expect(A.DraftDetail.parse(detail.body).files).toEqual(files);
    expect((await validate(instructor, created.body.id)).status).toBe('passed');
    const published = await instructor.request('POST', `/api/instructor/drafts/${created.body.id}/publish`);
    expect(published.status).toBe(201);
    expect((await pipeline.student.request('GET', `/api/exercises/${slug}`)).status).toBe(200);
  });

  it('does not publish a draft whose content changed after its validation', async () => {
    const files = countRowsExercise('count-rows-changed');
    const { draftId, validation } = await draftAndValidate(instructor, files);
    expect(validation.status).toBe('passed');
    const changed = await instructor.request('PUT', `/api/instructor/drafts/${draftId}`, { files: { ...files, 'statement.md': '# Reworded\n' } });
    expect(changed.status).toBe(200);
    expect(changed.body.latestValidation).toMatchObject({ status: 'passed', upToDate: false });
    expectProblem(await instructor.request('POST', `/api/instructor/drafts/${draftId}/publish`), 409, 'validation_outdated');
    expectProblem(
      await instructor.request('PUT', `/api/instructor/drafts/${draftId}`, { files: countRowsExercise('another-slug') }),
      422,
      'slug_changed',
    );
  });
});

describe('refusing an exercise whose tests do not judge its solutions as their authors say', () => {
  // All three are validated at once; the worker takes them one after another.
  const cases: Array<[string, Record<string, string>, string, RegExp]> = [
    // A query that cannot even be prepared: for SQL, the reference defines the expected rows, so only failing to run fails it.
    ['the reference solution fails', { 'solution/query.sql': 'SELEC count(*) FROM t\n' }, 'reference', /reference solution scored 0 of 2 .* must score full marks/],
    ['a known-wrong solution passes', { 'wrong/constant/query.sql': 'SELECT count(n) FROM t\n' }, 'known-wrong wrong/constant', /scored 2 of 2 .* may score at most 1: the tests do not catch its mistake \(always answers 3\)/],
    ['the starter already passes', { 'starter/query.sql': 'SELECT count(*) FROM t\n' }, 'starter', /starter files scored 2 of 2 .* full marks without changing anything/],
  ];
  let reports: Array<{ draftId: string; validation: any }>;
  beforeAll(async () => {
    reports = await Promise.all(cases.map(([, overrides], i) => draftAndValidate(instructor, countRowsExercise(`count-rows-bad-${i}`, overrides))));
  });

  it.each(cases.map((c, i) => [c[0], i, c[2], c[3]] as const))('rejects an exercise where %s, with the reason', async (_what, i, candidate, reason) => {
    const { draftId, validation } = reports[i]!;
    expect(validation.status).toBe('failed');
    // A broken reference also fails the alternatives (for SQL the reference computes the expected rows).
    expect(validation.problems[0]).toEqual({ candidate, problem: expect.stringMatching(reason) });
    const refused = await instructor.request('POST', `/api/instructor/drafts/${draftId}/publish`);
    expectProblem(refused, 409, 'validation_not_passed');
    expect(refused.body.errors[0]).toEqual({ path: candidate, message: expect.stringMatching(reason) });
    expect(refused.body.errors).toHaveLength(validation.problems.length);
    expectProblem(await pipeline.student.request('GET', `/api/exercises/count-rows-bad-${i}`), 404, 'not_found');
  });
});

describe('hostile and invalid packages are refused before anything is stored', () => {
  const base = countRowsExercise('count-rows-hostile');
  const entries = Object.entries(base).map(([name, content]) => ({ name, content }));
  const drafts = async () => (await instructor.request('GET', '/api/instructor/drafts?all=true')).body.items.length;

  it.each([
    ['a symbolic link', () => packTarGz([...entries, { header: { name: 'datasets/passwd.sql', type: 'symlink', linkname: '/etc/passwd' } }]), 'datasets/passwd.sql', /is a link/],
    ['a hard link', () => packTarGz([...entries, { header: { name: 'solution/copy.sql', type: 'link', linkname: 'solution/query.sql' } }]), 'solution/copy.sql', /is a link/],
    ['a "../" entry', () => packTarGz([...entries, { name: '../../escape.sql', content: 'x' }]), '../../escape.sql', /goes up a directory/],
    ['an absolute path', () => packTarGz([...entries, { name: '/etc/cron.d/evil', content: 'x' }]), '/etc/cron.d/evil', /absolute path/],
    ['a device file', () => packTarGz([...entries, { header: { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 } }]), 'dev/null', /device/],
    ['an oversized file', () => packTarGz([...entries, { name: 'datasets/huge.sql', content: '-'.repeat(2 * 1024 * 1024 + 1) }]), 'datasets/huge.sql', /larger than/],
  ])('refuses a .tar.gz holding %s, naming the entry', async (_what, build, entry, problem) => {
    const before = await drafts();
    const refused = await upload(instructor, 'POST', '/api/instructor/drafts', await build(), 'application/gzip');
    expectProblem(refused, 400, 'invalid_archive');
    expect(refused.body.errors).toEqual([{ path: entry, message: expect.stringMatching(problem) }]);
    expect(await drafts()).toBe(before);
  });

  it('refuses a .zip holding a symbolic link', async () => {
    const zip = await packageZip(base, (z) => z.addBuffer(Buffer.from('/etc/passwd'), 'statement.txt', { mode: 0o120777 }));
    const refused = await upload(instructor, 'POST', '/api/instructor/drafts', zip, 'application/zip');
    expectProblem(refused, 400, 'invalid_archive');
    expect(refused.body.errors).toEqual([{ path: 'statement.txt', message: expect.stringMatching(/is a link/) }]);
  });

  it('refuses an upload larger than the archive limit with 413', async () => {
    const refused = await upload(instructor, 'POST', '/api/instructor/drafts', randomBytes(5 * 1024 * 1024 + 1), 'application/gzip');
    expectProblem(refused, 413, 'payload_too_large');
    expect(refused.body.detail).toContain(String(5 * 1024 * 1024));
  });

  it('refuses a package whose manifest is wrong, naming the problems', async () => {
    const { ['datasets/other.sql']: _gone, ...rest } = base;
    const refused = await instructor.request('POST', '/api/instructor/drafts', { files: { ...rest, 'exercise.yaml': base['exercise.yaml']!.replace('maxScore: 2', 'maxScore: 3') } });
    expectProblem(refused, 422, 'invalid_exercise');
    expect(refused.body.errors.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/maxScore is 3 but the tests' points add up to 2/)]),
    );
    expectProblem(await upload(instructor, 'POST', '/api/instructor/drafts', Buffer.from('x'), 'text/plain'), 415, 'unsupported_media_type');
  });

  it('locates a manifest’s problems: the file, a 1-based line and column where each is written', async () => {
    const manifest = base['exercise.yaml']!;
    const line = manifest.split('\n').findIndex((l) => l.startsWith('maxScore:')) + 1;
    const wrongType = await instructor.request('POST', '/api/instructor/drafts', { files: { ...base, 'exercise.yaml': manifest.replace('maxScore: 2', 'maxScore: two') } });
    expectProblem(wrongType, 422, 'invalid_exercise');
    expect(wrongType.body.errors).toContainEqual({ path: 'exercise.yaml', message: expect.stringMatching(/^exercise\.yaml: maxScore: /), line, column: 'maxScore: '.length + 1 });
    const unparsable = await instructor.request('POST', '/api/instructor/drafts', { files: { ...base, 'exercise.yaml': `${manifest}\ntests: [\n` } });
    expectProblem(unparsable, 422, 'invalid_exercise');
    expect(unparsable.body.errors).toEqual([{ path: 'exercise.yaml', message: expect.stringMatching(/^exercise\.yaml is not valid YAML: [^\n]+ \(line \d+, column \d+\)$/), line: expect.any(Number), column: expect.any(Number) }]);
  });
});

describe('who may author exercises', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  // Every row has three entries: jest takes a test function with more parameters than the row as asking for `done`.
  const routes: Array<[string, string, unknown]> = [
    ['POST', '/api/instructor/drafts', { files: {} }],
    ['GET', '/api/instructor/drafts', undefined],
    ['GET', `/api/instructor/drafts/${id}`, undefined],
    ['PUT', `/api/instructor/drafts/${id}`, { files: {} }],
    ['DELETE', `/api/instructor/drafts/${id}`, undefined],
    ['POST', `/api/instructor/drafts/${id}/validations`, undefined],
    ['GET', `/api/instructor/drafts/${id}/validations`, undefined],
    ['POST', `/api/instructor/drafts/${id}/publish`, undefined],
    ['GET', `/api/instructor/validations/${id}`, undefined],
    ['GET', '/api/instructor/exercises', undefined],
    ['GET', '/api/instructor/exercises/count-rows-json/versions', undefined],
    ['POST', '/api/instructor/exercises/count-rows-json/archive', undefined],
    ['POST', '/api/instructor/exercises/count-rows-json/restore', undefined],
    ['GET', '/api/instructor/exercises/count-rows-json/submissions', undefined],
    ['GET', '/api/instructor/exercises/count-rows-json/statistics', undefined],
    ['POST', '/api/instructor/exercises/count-rows-json/regrades', {}],
    ['GET', '/api/instructor/exercises/count-rows-json/regrades', undefined],
    ['GET', `/api/instructor/regrades/${id}`, undefined],
    ['POST', `/api/instructor/regrades/${id}/apply`, undefined],
    ['POST', `/api/instructor/regrades/${id}/discard`, undefined],
    ['GET', `/api/instructor/submissions/${id}/grades`, undefined],
    ['GET', '/api/instructor/gradebook.csv', undefined],
  ];

  it.each(routes)('anonymous %s %s → 401', async (method, route, body) => {
    expectProblem(await pipeline.anonymous.request(method, route, body), 401, 'unauthorized');
  });

  it.each(routes)('a student on %s %s → 403', async (method, route, body) => {
    expectProblem(await pipeline.student.request(method, route, body), 403, 'forbidden');
  });

  it('serves the manifest JSON Schema to anyone, as committed in docs/', async () => {
    const response = await pipeline.anonymous.request('GET', '/api/exercise-schema.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    const committed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/exercise.schema.json'), 'utf8'));
    expect(response.body).toEqual(committed);
  });

  it('archives an exercise for students and restores it', async () => {
    await publishExercise(instructor, countRowsExercise('count-rows-archived'));
    expect((await instructor.request('POST', '/api/instructor/exercises/count-rows-archived/archive')).body).toEqual({ slug: 'count-rows-archived', status: 'archived' });
    expectProblem(await pipeline.student.request('GET', '/api/exercises/count-rows-archived'), 404, 'not_found');
    expectProblem(await pipeline.student.submit('count-rows-archived', { 'query.sql': 'SELECT 1' }), 422, 'unknown_exercise');
    const catalogue = await instructor.request('GET', '/api/instructor/exercises');
    expect(catalogue.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ slug: 'count-rows-archived', status: 'archived', currentVersion: 1 })]));
    await instructor.request('POST', '/api/instructor/exercises/count-rows-archived/restore');
    expect((await pipeline.student.request('GET', '/api/exercises/count-rows-archived')).status).toBe(200);
  });
});
