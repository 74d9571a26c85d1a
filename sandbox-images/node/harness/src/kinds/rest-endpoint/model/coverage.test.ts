import express from 'express';
import type http from 'node:http';
import { RestGenerated, RestModel } from '../../../contracts';
import { runGeneratedCheck } from './check';
import { coverageSequences } from './coverage';
import { TEXT_VARIANTS } from './derived';
import { generatedFeedback } from './feedback';
import { parseOperation } from './sequence';
import { inProcessSide, type InProcessSide } from './testing/in-process-side';

/**
 * The coverage sequences of a generated check: every class of input the model names meets the
 * data, whatever the seed. Each check below draws a single random sequence, so that what
 * catches the mistake is the coverage, not the luck of the draw.
 */

const model = RestModel.parse({
  ids: ['id'],
  unique: ['email'],
  errorBody: { error: 'string' },
  operations: {
    create: {
      request: 'POST /notes',
      body: { email: { email: { examples: ['ada@example.com', 'grace@example.org'] } }, tags: { arrayOf: { oneOf: ['work', 'home'] } } },
      weight: 3,
    },
    list: { request: 'GET /notes', query: { tag: { oneOf: ['work', 'home', 'garden'], from: 'tags' } } },
    show: { request: 'GET /notes/:id' },
  },
});
const operations = ['create', 'list', 'show'].map((name) => parseOperation(name, model.operations[name]!));
const check = RestGenerated.parse({ operations: ['create', 'list', 'show'], runs: 1 });

interface NotesOptions {
  tagAnyCase?: boolean;
  emailCaseSensitive?: boolean;
  plainObjectStore?: boolean;
  emptyTagListsAll?: boolean;
}

function notes(options: NotesOptions = {}): http.RequestListener {
  const app = express();
  app.use(express.json());
  const all: Array<{ id: number; email: string; tags: string[] }> = [];
  const byId: Record<string, unknown> = {};
  app.post('/notes', (req, res) => {
    const { email, tags } = req.body as { email?: unknown; tags?: unknown };
    if (typeof email !== 'string' || !Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) return void res.status(400).json({ error: 'invalid note' });
    const same = (e: string) => (options.emailCaseSensitive ? e === email : e.toLowerCase() === email.toLowerCase());
    if (all.some((n) => same(n.email))) return void res.status(409).json({ error: 'e-mail already used' });
    const note = { id: all.length + 1, email, tags: tags as string[] };
    all.push(note);
    byId[String(note.id)] = note;
    res.status(201).json(note);
  });
  app.get('/notes', (req, res) => {
    const { tag } = req.query;
    if (typeof tag !== 'string' || (options.emptyTagListsAll && !tag)) return void res.json(all);
    res.json(all.filter((n) => (options.tagAnyCase ? n.tags.some((t) => t.toLowerCase() === tag.toLowerCase()) : n.tags.includes(tag))));
  });
  app.get('/notes/:id', (req, res) => {
    const note = options.plainObjectStore ? byId[req.params.id] : all.find((n) => String(n.id) === req.params.id);
    if (!note) return void res.status(404).json({ error: 'no such note' });
    res.json(note);
  });
  return app;
}

const sides: InProcessSide[] = [];
afterAll(async () => {
  await Promise.all(sides.map((s) => s.close()));
});

async function checked(options: NotesOptions) {
  const reference = await inProcessSide(() => notes());
  const student = await inProcessSide(() => notes(options));
  sides.push(reference, student);
  return runGeneratedCheck({ model, check, seed: 7, runs: 1, timeMs: 20_000, sequenceTimeMs: 2_000, reference, student });
}

describe('the coverage sequences of a generated check', () => {
  it('ask each variant of a derived filter value right after resources were made with values to derive from', () => {
    const sequences = coverageSequences(operations, model, 7);
    const asked = sequences.filter((s) => s.at(-1)!.op === 'list' && s.at(-1)!.query.tag?.kind === 'derived');
    expect(asked.map((s) => { const tag = s.at(-1)!.query.tag; return tag?.kind === 'derived' ? tag.text : undefined; })).toEqual([...TEXT_VARIANTS]);
    for (const s of asked) {
      expect(s.slice(0, -1).map((step) => step.op)).toEqual(['create', 'create']);
      for (const made of s.slice(0, -1)) expect(made.body).toMatchObject({ kind: 'object', fields: { tags: { kind: 'value', value: expect.arrayContaining([expect.any(String)]) } } });
    }
  });

  it('ask each query parameter empty once a resource exists', () => {
    const empty = coverageSequences(operations, model, 7).filter((s) => s.at(-1)!.query.tag?.kind === 'value');
    expect(empty.map((s) => [s.map((step) => step.op), s.at(-1)!.query])).toEqual([[['create', 'list'], { tag: { kind: 'value', value: '', label: 'an empty string' } }]]);
  });

  it('are the same for the same seed: a submission graded twice meets the same requests', () => {
    expect(coverageSequences(operations, model, 7)).toEqual(coverageSequences(operations, model, 7));
  });

  it('hold for the reference itself', async () => {
    expect(await checked({})).toMatchObject({ kind: 'held' });
  });

  it('catch a filter that ignores letter case, naming the class of input', async () => {
    const outcome = await checked({ tagAnyCase: true });
    expect(generatedFeedback(outcome, 'name-only').message).toMatch(/^GET \/notes \(tag: a value sent before in tags, in other letter case\)/);
  });

  it('catch a filter that takes an empty value for no filter (`if (tag)`)', async () => {
    const outcome = await checked({ emptyTagListsAll: true });
    expect(generatedFeedback(outcome, 'name-only').message).toMatch(/^GET \/notes \(tag: an empty string\)/);
  });

  it('catch a unique value compared case-sensitively (a second account for ADA@EXAMPLE.COM)', async () => {
    const outcome = await checked({ emailCaseSensitive: true });
    expect(generatedFeedback(outcome, 'name-only').message).toMatch(/^POST \/notes \(email: a value sent before, in other letter case\): expected status 409, got 201/);
  });

  it('catch a store kept in a plain object, which finds constructor', async () => {
    const outcome = await checked({ plainObjectStore: true });
    expect(generatedFeedback(outcome, 'name-only').message).toMatch(/^GET \/notes\/:id \(:id: a name every JavaScript object has/);
  });
});

describe('a model without an ordinary body to draw', () => {
  it('gets no coverage sequences rather than a search that never ends', () => {
    const empty = RestModel.parse({ ids: ['id'], operations: { create: { request: 'POST /things', body: { name: { text: { examples: [''] } } } }, show: { request: 'GET /things/:id' } } });
    const ops = ['create', 'show'].map((name) => parseOperation(name, empty.operations[name]!));
    expect(coverageSequences(ops, empty, 7)).toEqual([]);
  });
});
