import express from 'express';
import type http from 'node:http';
import { RestGenerated, RestModel } from '../../../contracts';
import { seedOf } from '../../../common/generated/search';
import { runGeneratedCheck, type GeneratedCheckOutcome } from './check';
import { generatedFeedback } from './feedback';
import { parseOperation, resolveStep, SentValues } from './sequence';
import { inProcessSide, type InProcessSide } from './testing/in-process-side';

/**
 * A query parameter given twice (`?year=1965&year=1966`, an array in Express): statements rarely
 * say what it means, so any answer passes but a server error.
 */
const model = RestModel.parse({
  ids: ['id'],
  errorBody: { error: 'string' },
  operations: {
    create: { request: 'POST /books', body: { title: 'text', year: 'integer' }, weight: 2 },
    list: { request: 'GET /books', query: { year: { integer: { min: 0, examples: [1965, 1966] } } }, weight: 3 },
  },
});
const check = RestGenerated.parse({ operations: ['create', 'list'], runs: 100 });

/** `year` read as `parse` says; the reference refuses anything but one string of digits. */
function books(parse: (raw: unknown) => number | 'invalid' | undefined): http.RequestListener {
  const app = express();
  app.use(express.json());
  const all: Array<{ id: number; title: string; year: number }> = [];
  app.post('/books', (req, res) => {
    const { title, year } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof title !== 'string' || title === '' || !Number.isInteger(year)) return void res.status(400).json({ error: 'invalid book' });
    const book = { id: all.length + 1, title, year: year as number };
    all.push(book);
    res.status(201).location(`/books/${book.id}`).json(book);
  });
  app.get('/books', (req, res) => {
    const year = parse(req.query.year);
    if (year === 'invalid') return void res.status(400).json({ error: 'year must be a whole number' });
    res.json(year === undefined ? all : all.filter((b) => b.year === year));
  });
  return app as unknown as http.RequestListener;
}

const strict = (raw: unknown) => (raw === undefined ? undefined : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : 'invalid');

const sides: InProcessSide[] = [];
afterAll(async () => {
  await Promise.all(sides.map((s) => s.close()));
});

async function graded(student: () => http.RequestListener): Promise<GeneratedCheckOutcome> {
  const reference = await inProcessSide(() => books(strict));
  const side = await inProcessSide(student);
  sides.push(reference, side);
  return runGeneratedCheck({ model, check, seed: seedOf('given-twice', 'list'), runs: check.runs!, timeMs: 20_000, sequenceTimeMs: 2_000, reference, student: side });
}

describe('a query parameter given twice', () => {
  it('is sent as two values on a GET, and as one on any other method', () => {
    const step = { op: 'list', ids: {}, query: { year: { kind: 'twice' as const, values: ['1965', '1966'] as [string, string], label: 'given twice' } } };
    const get = resolveStep(step, parseOperation('list', model.operations.list!), [], new SentValues(), []);
    expect(get).toMatchObject({ target: '/books?year=1965&year=1966', givenTwice: ['year'], labels: ['year: given twice'] });
    const post = resolveStep(step, parseOperation('list', { ...model.operations.list!, request: 'POST /books' }), [], new SentValues(), []);
    expect(post.target).toBe('/books?year=1965');
    expect(post.givenTwice).toBeUndefined();
  });

  it('passes whatever the app makes of it but a server error: the first value taken, or a 400', async () => {
    const first = (raw: unknown) => strict(Array.isArray(raw) ? raw[0] : raw);
    expect(await graded(() => books(first))).toMatchObject({ kind: 'held' });
    expect(await graded(() => books(strict))).toMatchObject({ kind: 'held' });
  });

  it('fails an app that answers 500 to it (a string method called on an array), and says what to do', async () => {
    const crashing = (raw: unknown) => (raw === undefined ? undefined : (raw as string).match(/^\d+$/) ? Number(raw) : 'invalid');
    const outcome = await graded(() => books(crashing));
    expect(outcome.kind).toBe('differ');
    if (outcome.kind !== 'differ') return;
    expect(outcome.requests.map((r) => `${r.request.method} ${r.request.target}`)).toEqual(['GET /books?year=1965&year=1966']);
    const visible = generatedFeedback(outcome, 'visible').message;
    expect(visible).toMatch(/^GET \/books \(year: given twice\): answered 500 to year given twice: .* answer 400, or use one of the values/);
    expect(generatedFeedback(outcome, 'name-only').message).toBe('GET /books (year: given twice): a server error (500) to year given twice, the first request after a fresh start');
  });
});
