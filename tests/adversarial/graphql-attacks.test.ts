import fs from 'node:fs';
import path from 'node:path';
import { startPipeline, type Pipeline } from '../support/pipeline';

/**
 * Hostile graphql-endpoint apps through the real pipeline (graphql-library). Written by a
 * student red team that never saw the tests: one hunts the file system and /proc for the hidden
 * tests or the backend's data and shows what it found in its errors; one answers 150 MB bodies,
 * JSON nested 400,000 levels deep and answers that never end. Each gets a graded result (its own
 * failure, never the grader's), scores only what its honest part earns, and no result holds a
 * line of the hidden tests module.
 */
const EXERCISE = 'graphql-library';
const PACKAGE = path.join(__dirname, '../../exercises', EXERCISE);
const TESTS_MODULE = fs.readFileSync(path.join(PACKAGE, 'tests/cases.js'), 'utf8');
const SOURCE_DATA = fs.readFileSync(path.join(PACKAGE, 'tests/source.json'), 'utf8');
const HOSTILE = path.join(__dirname, 'graphql');

const ATTACKS: Array<{ threat: string; file: string; atMost: number }> = [
  { threat: 'searches /grader, /opt, /tmp and /proc for the tests or the backend data, and answers from what it finds', file: 'snoop-files.js', atMost: 1 },
  { threat: 'answers 150 MB bodies, JSON nested 400,000 deep and answers that never end', file: 'huge-deep-responses.js', atMost: 3 },
];

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
}, 180_000);
afterAll(async () => {
  await pipeline?.close();
});

describe('hostile graphql-endpoint apps earn nothing and harm nothing', () => {
  it.each(ATTACKS)('$threat', async ({ file, atMost }) => {
    const graded = await pipeline.student.submitAndWait(EXERCISE, { 'app.js': fs.readFileSync(path.join(HOSTILE, file), 'utf8') });
    expect({ status: graded.status, graderError: graded.status === 'error' ? pipeline.graderErrorOf(graded.id) : undefined }).toEqual({ status: 'graded', graderError: undefined });
    expect(graded.score).toBeLessThanOrEqual(atMost);
    const result = JSON.stringify(graded);
    for (const line of TESTS_MODULE.split('\n').filter((l) => l.trim().length > 30)) expect(result).not.toContain(line.trim());
    // The backend's data file is the exercise's: its text never shows, only values the app was sent.
    expect(result).not.toContain(SOURCE_DATA.slice(0, 200));
  }, 240_000);
});
