import express from 'express';
import type http from 'node:http';
import { LIMITS, RestModel, RestGenerated } from '../../../contracts';
import { seedOf } from '../../../common/generated/search';
import { enoughRuns } from '../../../common/generated/search';
import { runGeneratedCheck, StudentExtra, type AppSide, type GeneratedCheckOutcome } from './check';
import { coverageSequences } from './coverage';
import { parseOperation } from './sequence';
import { generatedFeedback } from './feedback';
import { inProcessSide, type InProcessSide } from './testing/in-process-side';

/**
 * Generated checks against apps served in this process: a small books API as the reference,
 * and students' versions of it, right ones written differently and wrong ones each making one
 * mistake a fixed test would not catch.
 */

const model = RestModel.parse({
  ids: ['id'],
  headers: ['location'],
  errorBody: { error: 'string' },
  operations: {
    create: { request: 'POST /books', body: { title: 'text', year: 'integer' }, extras: ['id', 'isbn'], weight: 3 },
    list: { request: 'GET /books' },
    show: { request: 'GET /books/:id' },
    remove: { request: 'DELETE /books/:id' },
  },
});
const check = RestGenerated.parse({ operations: ['create', 'list', 'show', 'remove'], runs: 60 });

interface BookOptions {
  /** The id of the next book from the books there are (reused after a delete). */
  idFromCount?: boolean;
  /** Ids start here and go up by `step` (another id strategy: by order of appearance, the same). */
  firstId?: number;
  step?: number;
  /** The body stored as sent. */
  storeBody?: boolean;
  /** A year in a string accepted. */
  looseYear?: boolean;
  /** The path's id read with parseInt: `1abc` is book 1. */
  parseIntId?: boolean;
  /** No error handler: malformed JSON gets Express's HTML 400 page. */
  htmlOnMalformed?: boolean;
  /** Looked up by id in a plain object, which answers for `constructor` too. */
  plainObjectLookup?: boolean;
}

function books(options: BookOptions = {}): http.RequestListener {
  const app = express();
  app.use(express.json());
  const all: Array<Record<string, unknown>> = [];
  let next = options.firstId ?? 1;
  const byId: Record<string, Record<string, unknown>> = {};
  const find = (id: string) => (options.plainObjectLookup ? byId[id] ?? all.find((b) => String(b.id) === id) : all.find((b) => (options.parseIntId ? b.id === Number.parseInt(id, 10) : String(b.id) === id)));
  app.get('/books', (_req, res) => void res.json(all));
  app.get('/books/:id', (req, res) => {
    const book = find(req.params.id);
    if (!book) return void res.status(404).json({ error: 'no such book' });
    res.json(book);
  });
  app.post('/books', (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const yearOk = Number.isInteger(body?.year) || (options.looseYear === true && typeof body?.year === 'string');
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.title !== 'string' || body.title === '' || !yearOk) {
      return void res.status(400).json({ error: 'invalid book' });
    }
    const id = options.idFromCount ? all.length + 1 : next;
    next += options.step ?? 1;
    const book = options.storeBody ? { id, ...body } : { id, title: body.title, year: body.year };
    all.push(book);
    res.status(201).location(`/books/${String(book.id)}`).json(book);
  });
  app.delete('/books/:id', (req, res) => {
    const book = find(req.params.id);
    if (!book) return void res.status(404).json({ error: 'no such book' });
    all.splice(all.indexOf(book), 1);
    res.status(204).end();
  });
  if (!options.htmlOnMalformed) {
    app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(400).json({ error: 'malformed JSON' }));
  }
  return app as unknown as http.RequestListener;
}

const sides: InProcessSide[] = [];
afterAll(async () => {
  await Promise.all(sides.map((s) => s.close()));
});

async function graded(student: () => http.RequestListener, name = 'answers as the reference does'): Promise<GeneratedCheckOutcome> {
  const reference = await inProcessSide(() => books());
  const side = await inProcessSide(student);
  sides.push(reference, side);
  return runGeneratedCheck({ model, check, seed: seedOf('books-test', name), runs: check.runs!, timeMs: 20_000, sequenceTimeMs: 2_000, reference, student: side });
}

describe('a generated check of a REST API', () => {
  it('holds for the reference itself and for ids given by another strategy in the same order', async () => {
    // The coverage sequences come on top of the 60 drawn ones (coverage.ts).
    const coverage = coverageSequences(['create', 'list', 'show', 'remove'].map((name) => parseOperation(name, model.operations[name]!)), model, 0).length;
    expect(coverage).toBeGreaterThan(0);
    expect(await graded(() => books())).toMatchObject({ kind: 'held', runs: 60 + coverage });
    expect(await graded(() => books({ firstId: 100, step: 7 }))).toMatchObject({ kind: 'held' });
  });

  it('catches ids given again after a delete, shrunk to create, delete, create, and says so', async () => {
    const outcome = await graded(() => books({ idFromCount: true }));
    expect(outcome.kind).toBe('differ');
    if (outcome.kind !== 'differ') return;
    expect(outcome.requests.map((r) => `${r.request.method} ${r.request.target}`)).toEqual(['POST /books', 'DELETE /books/1', 'POST /books']);
    expect(outcome.difference.visible).toBe(
      'body.id should be a new id, got 1, which your app already gave in its answer to request 1: an id must never be given twice, even after its resource is deleted',
    );
  });

  it("catches a body stored as sent, naming the property that came from the request's body", async () => {
    const outcome = await graded(() => books({ storeBody: true }));
    expect(outcome.kind).toBe('differ');
    if (outcome.kind !== 'differ') return;
    expect(outcome.difference.visible).toMatch(/request's body/);
    expect(outcome.requests.at(-1)!.request.labels.join()).toMatch(/an extra property (id|isbn)/);
  });

  it('catches a wrong type accepted, with the class of input and never the data in the name-only message', async () => {
    const outcome = await graded(() => books({ looseYear: true }));
    expect(outcome).toMatchObject({ kind: 'differ' });
    const named = generatedFeedback(outcome, 'name-only');
    expect(named).toEqual({
      status: 'failed',
      verdict: 'tests_failed',
      message: 'POST /books (year: a number in a string): expected status 400, got 201, the first request after a fresh start',
    });
    const visible = generatedFeedback(outcome, 'visible');
    expect(visible.message).toContain('1. POST /books {"title":"Dune","year":"1"} → 201, where the reference answered 400');
    expect(visible.expected).toMatch(/^HTTP 400/);
    expect(visible.actual).toMatch(/^HTTP 201/);
    expect(generatedFeedback(outcome, 'hidden')).toEqual({ status: 'failed', verdict: 'tests_failed', message: 'your app answers a generated sequence of requests differently from the reference' });
  });

  it('catches a path id read leniently (parseInt), naming the malformed id', async () => {
    const outcome = await graded(() => books({ parseIntId: true }));
    expect(outcome.kind).toBe('differ');
    const named = generatedFeedback(outcome, 'name-only').message;
    expect(named).toMatch(/\/books\/:id \(:id: an id your app gave followed by (letters|a fraction) \(as 1(abc|\.5)\), which is not an id\): expected status 404, got (200|204)/);
  });

  it('catches a store kept in a plain object (GET /books/constructor answers 200), naming the class of id', async () => {
    const outcome = await graded(() => books({ plainObjectLookup: true }));
    expect(outcome.kind).toBe('differ');
    expect(generatedFeedback(outcome, 'name-only').message).toMatch(
      /\/books\/:id \(:id: a name every JavaScript object has \(constructor, __proto__, toString\) as the id\): expected status 404, got (200|204)/,
    );
  });

  it("catches malformed JSON answered with Express's HTML page, saying an error handler must answer it", async () => {
    const outcome = await graded(() => books({ htmlOnMalformed: true }));
    expect(outcome.kind).toBe('differ');
    if (outcome.kind !== 'differ') return;
    expect(outcome.requests.map((r) => `${r.request.method} ${r.request.target}`)).toEqual(['POST /books']);
    expect(generatedFeedback(outcome, 'name-only').message).toBe(
      'POST /books (a body of malformed JSON): the 400 answer should be JSON with a string property "error" (malformed JSON is refused by express.json() before any route runs: an error handler must answer it), the first request after a fresh start',
    );
    expect(generatedFeedback(outcome, 'visible').message).toContain(`1. POST /books {"title": "Dune", (malformed JSON) → 400, where the reference's answer differs`);
  });

  it('finds the same counterexample every time: the seed comes from the exercise and the check', async () => {
    const once = await graded(() => books({ idFromCount: true }), 'the same twice');
    const again = await graded(() => books({ idFromCount: true }), 'the same twice');
    expect(once.kind).toBe('differ');
    expect(generatedFeedback(again, 'visible')).toEqual(generatedFeedback(once, 'visible'));
  });

  it("does not count a difference that a fresh process of the student's does not show: state kept across a reset", async () => {
    // Global state the reset does not reach: the second sequence starts with the first one's books.
    let leaked: http.RequestListener | undefined;
    const reference = await inProcessSide(() => books());
    const student = await inProcessSide(() => (leaked ??= books()));
    sides.push(reference, student);
    const fresh = student.reset.bind(student);
    student.reset = async (options) => {
      if (options.fresh) leaked = undefined;
      return fresh(options);
    };
    const outcome = await runGeneratedCheck({ model, check, seed: seedOf('books-test', 'leaks'), runs: 60, timeMs: 20_000, sequenceTimeMs: 2_000, reference, student });
    expect(outcome).toMatchObject({ kind: 'held' });
    expect(student.freshStarts).toBeGreaterThan(1);
  });

  it('times out, never passes, when its time ran out before half the drawn sequences were sent', async () => {
    const reference = await inProcessSide(() => books());
    const slow = books();
    // Each answer takes a second; the check has a tenth of that: at most one sequence is sent.
    const student = await inProcessSide(() => (req, res) => void setTimeout(() => slow(req, res), 1_000).unref());
    sides.push(reference, student);
    const outcome = await runGeneratedCheck({ model, check, seed: seedOf('books-test', 'slow'), runs: 60, timeMs: 100, sequenceTimeMs: 20_000, reference, student });
    expect(outcome).toMatchObject({ kind: 'unfinished', asked: expect.any(Number) });
    expect((outcome as { runs: number }).runs).toBeLessThan(enoughRuns(60));
  });

  describe("on the student's own clock (sequenceClock: AppProcess charges the time its process could run)", () => {
    /** The first answer after each start comes late, as from an app waiting for a CPU on a busy host. */
    const lateFirstAnswer = () => {
      const app = books();
      let answered = false;
      return (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (answered) return app(req, res);
        answered = true;
        setTimeout(() => app(req, res), 1_000).unref();
      };
    };
    const few = RestGenerated.parse({ operations: ['create', 'list', 'show', 'remove'], runs: 3 });
    const run = (reference: AppSide, student: AppSide, sequenceTimeMs: number) => runGeneratedCheck({ model, check: few, seed: seedOf('books-test', 'clock'), runs: 3, timeMs: 60_000, sequenceTimeMs, reference, student });

    it('is not failed for a sequence that outran its time in wall time while its clock had time left', async () => {
      const reference = await inProcessSide(() => books());
      const student = await inProcessSide(lateFirstAnswer);
      sides.push(reference, student);
      // A clock that never runs out: the app was starved, not slow. Wall time still bounds it, at starvedFactor × 500 ms.
      student.sequenceClock = () => ({ timeUp: new AbortController().signal, stop: () => undefined });
      expect(await run(reference, student, 500)).toMatchObject({ kind: 'held' });
    });

    it('is failed with no answer on wall time alone, without such a clock', async () => {
      const reference = await inProcessSide(() => books());
      const student = await inProcessSide(lateFirstAnswer);
      sides.push(reference, student);
      expect(await run(reference, student, 500)).toMatchObject({ kind: 'fault' });
    });

    it('ends the request under way as a time-out once its clock runs out, whatever wall time is left', async () => {
      const reference = await inProcessSide(() => books());
      const student = await inProcessSide(() => () => undefined); // never answers
      sides.push(reference, student);
      let sent: AbortSignal | undefined;
      const send = student.send.bind(student);
      student.send = (request, timeoutMs, timeUp) => ((sent = timeUp), send(request, timeoutMs, timeUp));
      student.sequenceClock = () => {
        const overrun = new AbortController();
        setTimeout(() => overrun.abort(), 50).unref();
        return { timeUp: overrun.signal, stop: () => undefined };
      };
      // An hour of wall time: only the clock can end it.
      expect(await run(reference, student, 3_600_000)).toMatchObject({ kind: 'fault' });
      expect(sent?.aborted).toBe(true);
    });
  });

  it("counts the time the student's app took beyond the reference's, which decides whether a search cut short may pass", async () => {
    const extra = new StudentExtra();
    const late = new Promise<string>((resolve) => setTimeout(() => resolve('student'), 50).unref());
    expect(await extra.race(Promise.resolve('reference'), late)).toEqual(['reference', 'student']);
    expect(extra.ms).toBeGreaterThanOrEqual(45);
    // Half the search's time or more: the app took it, and the cut-short search is a time-out.
    expect(extra.tookTheTime(extra.ms / LIMITS.generated.studentShareMax)).toBe(true);
    expect(extra.tookTheTime(1e9)).toBe(false);
    // A reference slower than the student's app adds nothing.
    await extra.race(new Promise((resolve) => setTimeout(resolve, 20).unref()), Promise.resolve());
    expect(extra.tookTheTime(1e9)).toBe(false);
  });

  it("passes after half the drawn sequences when its time ran out (a machine under load), the coverage sequences still all sent", () => {
    expect([enoughRuns(60), enoughRuns(41), enoughRuns(1), enoughRuns(0)]).toEqual([30, 21, 1, 0]);
  });
});
