import { RestModel } from '../../../contracts';
import type { HttpResponse } from '../http-exchange';
import { compareAnswers, serverErrorGivenTwice } from './compare';
import { IdLedger, normaliseBody, normaliseHeader } from './normalise';
import type { ConcreteRequest } from './sequence';

const model = RestModel.parse({
  ids: ['id', 'ownerId'],
  times: ['createdAt'],
  headers: ['location'],
  errorBody: { error: 'string' },
  either: [[404, 400]],
  operations: { create: { request: 'POST /notes', body: { title: 'text' } } },
});

function answer(status: number, body?: unknown, headers: Record<string, string> = {}): HttpResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    request: 'POST /notes',
    status,
    statusText: '',
    headers: { ...(body !== undefined && { 'content-type': 'application/json; charset=utf-8' }), ...headers },
    body: body ?? '',
    text,
    isJson: body !== undefined,
  };
}

const post = (sent?: Record<string, unknown>): ConcreteRequest => ({ route: 'POST /notes', method: 'POST', target: '/notes', hasBody: sent !== undefined, ...(sent && { json: sent, sentObject: sent }), labels: [] });

function compare(reference: HttpResponse, student: HttpResponse, request = post(), ledgers = { reference: new IdLedger(), student: new IdLedger() }, requestNumber = 1) {
  return compareAnswers(model, reference, student, ledgers, { request, requestNumber, studentIds: ledgers.student });
}

describe('comparing two answers to the same request', () => {
  it('compares ids by order of appearance, whatever their values, and times as any date and time', () => {
    const ledgers = { reference: new IdLedger(), student: new IdLedger() };
    const first = compare(answer(201, { id: 1, title: 'a', createdAt: '2026-11-30T10:00:00Z' }, { location: '/notes/1' }), answer(201, { title: 'a', id: 'n-7f3', createdAt: '2026-11-30T10:00:00.123+01:00' }, { location: '/notes/n-7f3' }), post({ title: 'a' }), ledgers, 1);
    expect(first).toBeUndefined();
    const list = compare(answer(200, [{ id: 2, ownerId: 1 }]), answer(200, [{ id: 'n-8', ownerId: 'n-7f3' }]), post(), ledgers, 2);
    expect(list).toBeUndefined();
    expect(ledgers.student.values).toEqual(['n-7f3', 'n-8']);
  });

  it('says when an answer gives again an id the app gave before', () => {
    const ledgers = { reference: new IdLedger(), student: new IdLedger() };
    compare(answer(201, { id: 1 }), answer(201, { id: 1 }), post(), ledgers, 1);
    expect(compare(answer(201, { id: 2 }), answer(201, { id: 1 }), post(), ledgers, 3)).toEqual({
      visible: 'body.id should be a new id, got 1, which your app already gave in its answer to request 1: an id must never be given twice, even after its resource is deleted',
      named: 'body.id should be a new id, but your app gave again an id it had given before: an id must never be given twice, even after its resource is deleted',
    });
  });

  it("says when a value comes from the request's body, stored as sent", () => {
    const sent = { title: 'a', id: 99, colour: 'red' };
    expect(compare(answer(201, { id: 1, title: 'a' }), answer(201, { id: 1, title: 'a', colour: 'red' }), post(sent))?.visible).toBe(
      `body has a property "colour" ("red") the reference's answer has not: the request's body had it, and it was stored and answered as sent`,
    );
    expect(compare(answer(201, { id: 1, title: 'a' }), answer(201, { id: 99, title: 'a' }), post(sent))).toBeUndefined();
    const ledgers = { reference: new IdLedger(), student: new IdLedger() };
    compare(answer(201, { id: 1 }), answer(201, { id: 1 }), post(), ledgers, 1);
    expect(compare(answer(201, { id: 2 }), answer(201, { id: 1 }), post({ id: 1 }), ledgers, 2)?.named).toBe(
      "body.id should be a new id, but your app gave again an id it had given before: the value of id in the request's body, which must be ignored (the app gives ids itself)",
    );
  });

  it('lets statuses the statement leaves in either order pass, in either direction, and points at the order where two problems apply', () => {
    expect(compare(answer(404, { error: 'no note' }), answer(400, { error: 'bad body' }))).toBeUndefined();
    expect(compare(answer(400, { error: 'bad body' }), answer(404, { error: 'no note' }))).toBeUndefined();
    expect(compare(answer(422, { error: 'x' }), answer(409, { error: 'x' }))).toEqual({ visible: 'expected status 422, got 409', named: 'expected status 422, got 409' });
    const twoProblems = { ...post({ email: 'ada@example.com', name: '' }), labels: ['email: a value sent before', 'name: an empty string'] };
    expect(compare(answer(422, { error: 'x' }), answer(409, { error: 'x' }), twoProblems)?.named).toBe(
      'expected status 422, got 409: more than one problem applies to this request, and the statement says which answer comes first',
    );
  });

  it("judges an error's body by the declared properties' types, and only where the reference's answer has them", () => {
    expect(compare(answer(400, { error: 'title must be text' }), answer(400, { error: 'nope', detail: 1 }))).toBeUndefined();
    expect(compare(answer(400, { error: 'title must be text' }), answer(400, { message: 'nope' }))?.visible).toBe('the 400 answer should be JSON with a string property "error", got {"message":"nope"}');
    // Express's own HTML answer to malformed JSON: the reference has no error property, so nothing is asked of the student.
    const html: HttpResponse = { ...answer(400), headers: { 'content-type': 'text/html' }, text: '<pre>Bad Request</pre>', body: '<pre>Bad Request</pre>' };
    expect(compare(html, answer(400, { error: 'malformed JSON' }))).toBeUndefined();
  });

  it("names the student's framework in a hint: express.json() for JavaScript, Flask's get_json for Python", () => {
    const malformed: ConcreteRequest = { ...post(), text: '{"title": ' };
    const html: HttpResponse = { ...answer(400), headers: { 'content-type': 'text/html' }, text: '<p>Bad Request</p>', body: '<p>Bad Request</p>' };
    const ledgers = () => ({ reference: new IdLedger(), student: new IdLedger() });
    const hint = (language?: 'javascript' | 'python') => {
      const l = ledgers();
      return compareAnswers(model, answer(400, { error: 'bad JSON' }), html, l, { request: malformed, requestNumber: 1, studentIds: l.student, ...(language && { language }) })?.visible;
    };
    expect(hint()).toMatch(/refused by express\.json\(\) before any route runs/);
    expect(hint('python')).toMatch(/request\.get_json\(silent=True\)/);
    expect(hint('python')).not.toMatch(/express/i);
    expect(serverErrorGivenTwice(['author'], 500, 'python').visible).toMatch(/Flask's request\.args\.get takes the first/);
    expect(serverErrorGivenTwice(['author'], 500).visible).toMatch(/Express reads a parameter given twice as an array/);
  });

  it('reads ids in a Location header by order of appearance too', () => {
    const ledger = new IdLedger();
    normaliseBody({ id: 'abc' }, ledger, 1, { ids: new Set(['id']), times: new Set() });
    expect(normaliseHeader('/notes/abc', ledger)).toBe('/notes/<id 1>');
    expect(normaliseHeader('/notes/abd', ledger)).toBe('/notes/abd');
    const ledgers = { reference: new IdLedger(), student: new IdLedger() };
    expect(compare(answer(201, { id: 1 }, { location: '/notes/1' }), answer(201, { id: 1 }, { location: '/notes' }), post(), ledgers)?.visible).toBe('expected a Location header "/notes/1", got "/notes"');
  });

  it('wants no body where the reference sends none, and JSON where it sends JSON', () => {
    expect(compare(answer(204), { ...answer(204), text: 'ok', body: 'ok' })?.visible).toBe('expected no body, got "ok"');
    expect(compare(answer(200, []), { ...answer(200), headers: { 'content-type': 'text/html' }, text: '[]', body: '[]' })?.visible).toBe('expected a JSON body, got content-type "text/html"');
  });
});
