import type { RestModel } from '../../../contracts';
import type { HttpResponse } from '../http-exchange';
import { render } from '../../../common/json-difference';
import type { ConcreteRequest } from './sequence';
import { bodyDifference, IdLedger, IdRef, normaliseBody, normaliseHeader, TimeRef, type BodyDifference, type Normalising } from './normalise';

/**
 * Comparing one answer of the student's app with the reference's to the same request, after
 * normalising what the apps make up themselves: ids are compared by order of appearance (the
 * n-th id one app gave against the n-th the other gave, whatever their values), times as
 * "a time". Each difference is put into words twice: with the data, for visible checks, and
 * with the route, property and class of input only, for name-only ones.
 */

/** A difference between two answers, in words: `visible` quotes data, `named` only names route, properties and classes. */
export interface AnswerDifference {
  visible: string;
  named: string;
}

/** A server error answered to a request with query parameters given twice (sequence.ts, `givenTwice`). */
export function serverErrorGivenTwice(names: readonly string[], status: number, language?: AnswerContext['language']): AnswerDifference {
  const which = names.join(' and ');
  const how = language === 'python' ? "Flask's request.args.get takes the first, getlist all of them" : 'Express reads a parameter given twice as an array';
  return {
    visible: `answered ${status} to ${which} given twice: whatever the statement leaves open, a server error is no answer to a client's request; answer 400, or use one of the values (${how})`,
    named: `a server error (${status}) to ${which} given twice`,
  };
}

export interface AnswerContext {
  request: ConcreteRequest;
  /** 1-based, within the sequence. */
  requestNumber: number;
  /** The student's ledger, to say which request an id came from. */
  studentIds: IdLedger;
  /** The student's language: a hint naming a framework names theirs. */
  language?: 'javascript' | 'typescript' | 'python';
}

/** Where malformed JSON is refused before any route, by language (a Flask student was told of express.json()). */
const MALFORMED_JSON_HINT = {
  express: ' (malformed JSON is refused by express.json() before any route runs: an error handler must answer it)',
  python: ' (malformed JSON makes the framework answer with its own error page: read the body so that a failure answers 400 with JSON, e.g. Flask\'s request.get_json(silent=True), or an error handler)',
};

/**
 * Compares the answers to one request; learns the ids of both (each into its own ledger).
 * Undefined when they agree on everything the model compares.
 */
export function compareAnswers(model: RestModel, reference: HttpResponse, student: HttpResponse, ledgers: { reference: IdLedger; student: IdLedger }, context: AnswerContext): AnswerDifference | undefined {
  if (reference.status !== student.status) {
    if (interchangeable(model, reference.status, student.status)) return undefined;
    const several = context.request.labels.length >= 2 && reference.status >= 400 && reference.status < 500 && student.status >= 400 && student.status < 500;
    const hint =
      student.status === 500
        ? ' (an app answers 500 when a route handler raises an error)'
        : several
          ? ': more than one problem applies to this request, and the statement says which answer comes first'
          : '';
    const text = `expected status ${reference.status}, got ${student.status}${hint}`;
    return { visible: text, named: text };
  }
  const ok = reference.status >= 200 && reference.status < 300;
  const rules: Normalising = { ids: new Set(model.ids), times: new Set(model.times) };

  if (ok) {
    if (reference.isJson) {
      if (!student.isJson) {
        const what = student.text.trim() === '' ? 'an empty body' : `content-type ${student.headers['content-type'] === undefined ? 'none' : JSON.stringify(student.headers['content-type'])}`;
        const text = `expected a JSON body, got ${what}`;
        return { visible: text, named: text };
      }
      const expected = normaliseBody(reference.body, ledgers.reference, context.requestNumber, rules);
      const actual = normaliseBody(student.body, ledgers.student, context.requestNumber, rules);
      const difference = bodyDifference(expected, actual);
      if (difference) return describeBodyDifference(difference, context);
    } else if (reference.text !== student.text) {
      const text = reference.text === '' ? `expected no body, got ${render(student.text)}` : `expected the body ${render(reference.text)}, got ${render(student.text)}`;
      return { visible: text, named: reference.text === '' ? 'expected no body, got one' : 'the body differs' };
    }
  }

  for (const name of model.headers) {
    const expected = reference.headers[name];
    if (expected === undefined) continue;
    const actual = student.headers[name];
    const shown = displayName(name);
    if (actual === undefined) return { visible: `expected a ${shown} header ${JSON.stringify(expected)}, got none`, named: `the ${shown} header is missing` };
    if (normaliseHeader(expected, ledgers.reference) !== normaliseHeader(actual, ledgers.student)) {
      return { visible: `expected a ${shown} header ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`, named: `the ${shown} header differs` };
    }
  }

  if (!ok) {
    for (const [property, type] of Object.entries(model.errorBody)) {
      const has = (res: HttpResponse): boolean => res.isJson && typeof res.body === 'object' && res.body !== null && !Array.isArray(res.body) && jsonType((res.body as Record<string, unknown>)[property]) === type;
      if (has(reference) && !has(student)) {
        // Malformed JSON never reaches a route: express.json() refuses it, with Express's HTML page unless an error handler answers.
        const malformed = context.request.text !== undefined && !student.isJson ? MALFORMED_JSON_HINT[context.language === 'python' ? 'python' : 'express'] : '';
        const text = `the ${reference.status} answer should be JSON with ${article(type)} ${type} property ${JSON.stringify(property)}${malformed}`;
        return { visible: `${text}, got ${student.isJson ? render(student.body) : student.text.trim() === '' ? 'an empty body' : `content-type ${JSON.stringify(student.headers['content-type'] ?? 'none')}`}`, named: text };
      }
    }
  }
  return undefined;
}

function interchangeable(model: RestModel, a: number, b: number): boolean {
  return model.either.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

function describeBodyDifference(d: BodyDifference, context: AnswerContext): AnswerDifference {
  const sent = context.request.sentObject;
  const sentHas = (property: string): boolean => sent !== undefined && Object.prototype.hasOwnProperty.call(sent, property);
  const topLevelProperty = (path: string): string | undefined => /^body\.([A-Za-z_$][A-Za-z0-9_$]*)$/.exec(path)?.[1];
  switch (d.kind) {
    case 'missing':
      return { visible: `${d.path} is missing the property ${JSON.stringify(d.property)}`, named: `${d.path} is missing the property ${JSON.stringify(d.property)}` };
    case 'extra': {
      const stored = d.path === 'body' && sentHas(d.property) && sameJson(sent![d.property], d.value);
      const because = stored ? `: the request's body had it, and it was stored and answered as sent` : '';
      return { visible: `${d.path} has a property ${JSON.stringify(d.property)} (${render(d.value)}) the reference's answer has not${because}`, named: `${d.path} has a property ${JSON.stringify(d.property)} the reference's answer has not${because}` };
    }
    case 'length':
      return { visible: `${d.path} should have ${count(d.expected, 'item')}, got ${d.actual}`, named: `${d.path} should have ${count(d.expected, 'item')}, got ${d.actual}` };
    case 'type':
    case 'value': {
      const { expected, actual } = d;
      if (expected instanceof IdRef) return describeId(d.path, expected, actual, context, topLevelProperty(d.path));
      if (expected instanceof TimeRef) return { visible: `${d.path} should be a date and time, got ${render(actual)}`, named: `${d.path} should be a date and time` };
      const property = topLevelProperty(d.path);
      const stored = property !== undefined && sentHas(property) && sameJson(sent![property], plain(actual)) && !sameJson(sent![property], expected);
      const because = stored ? `: the value the request's body had, stored as sent` : '';
      return { visible: `${d.path} should be ${render(plain(expected))}, got ${render(plain(actual))}${because}`, named: `${d.path} differs from the reference's${because}` };
    }
  }
}

function describeId(path: string, expected: IdRef, actual: unknown, context: AnswerContext, property: string | undefined): AnswerDifference {
  const sent = context.request.sentObject;
  const fromBody = property !== undefined && sent !== undefined && Object.prototype.hasOwnProperty.call(sent, property) && sameJson(sent[property], plain(actual));
  const bodyNote = fromBody ? `: the value of ${property} in the request's body, which must be ignored (the app gives ids itself)` : '';
  if (!(actual instanceof IdRef)) {
    return { visible: `${path} should be an id, got ${render(actual)}${bodyNote}`, named: `${path} should be an id${bodyNote}` };
  }
  const given = context.studentIds.requestOf(actual.n);
  if (expected.fresh && !actual.fresh) {
    const why = fromBody ? bodyNote : ': an id must never be given twice, even after its resource is deleted';
    return {
      visible: `${path} should be a new id, got ${render(actual.raw)}, which your app already gave in its answer to request ${given}${why}`,
      named: `${path} should be a new id, but your app gave again an id it had given before${why}`,
    };
  }
  if (!expected.fresh && actual.fresh) {
    return {
      visible: `${path} should be the id your app gave in its answer to request ${context.studentIds.requestOf(expected.n)}, got ${render(actual.raw)}, an id it never gave before${bodyNote}`,
      named: `${path} should be an id your app gave before, got a new one${bodyNote}`,
    };
  }
  return {
    visible: `${path} should be the id your app gave in its answer to request ${context.studentIds.requestOf(expected.n)}, got ${render(actual.raw)}, the one of request ${given}${bodyNote}`,
    named: `${path} is the id of another resource${bodyNote}`,
  };
}

function plain(value: unknown): unknown {
  if (value instanceof IdRef || value instanceof TimeRef) return value.raw;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function displayName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}
