import type { RestModel, Visibility } from '../../../contracts';
import type { HttpResponse } from '../http-exchange';
import type { TestFeedback } from '../../../common/test-feedback';
import { restFeedback } from '../feedback';
import { renderResponse } from '../render-response';
import type { GeneratedCheckOutcome, SentRequest } from './check';

/**
 * A generated check's outcome in words, by the test's visibility:
 * - visible: the difference, then the shortest sequence of requests found, each with its data
 *   and the status the student's app answered; expected and actual are the two answers to the
 *   request that differs;
 * - name-only: the route and the classes of input (`email: an e-mail address without @`) of
 *   the request that differs and the routes before it, the difference without any value;
 * - hidden: only that the answers differ (or the kind of failure).
 *
 *   POST /users (email: a value sent before, in other letter case; password: 7 characters, one
 *   fewer than the minimum): expected status 422, got 409
 *   The shortest sequence of requests found that shows it, each from a fresh start of both apps:
 *   1. POST /users {"email":"ada@example.com","name":"Ada Lovelace","password":"correct horse"} → 201
 *   2. POST /users {"email":"ADA@EXAMPLE.COM","name":"Dune","password":"abcdefg"} → 409, where the reference answered 422
 */
export function generatedFeedback(outcome: GeneratedCheckOutcome, visibility: Visibility, errorBody: RestModel['errorBody'] = {}): TestFeedback {
  if (outcome.kind === 'held') return { status: 'passed', verdict: 'accepted', message: 'passed' };
  if (outcome.kind === 'unfinished') {
    const detail = visibility === 'hidden' ? '' : `: ${outcome.runs} of ${outcome.asked} sequences of generated requests answered in the check's time, all as the reference does; ${slowPart(outcome.startMs)}`;
    return { status: 'error', verdict: 'time_limit_exceeded', message: `your app was too slow for this check${detail}` };
  }
  if (outcome.kind === 'fault') {
    const base = restFeedback(outcome.outcome, visibility);
    if (outcome.at < 0 || visibility === 'hidden') return base;
    if (outcome.outcome.kind === 'crash') {
      // Which request meets the ended process depends on timing: the whole sequence, by route.
      const during = `your app crashed (its process ended) during a sequence of generated requests, from a fresh start: ${outcome.routes.join(', ')}`;
      // Name-only: what the app printed may quote the generated input.
      return { ...base, message: visibility === 'visible' && outcome.outcome.log ? `${during}
${outcome.outcome.log}` : during };
    }
    const at = outcome.requests[outcome.at];
    if (visibility === 'name-only') return { ...base, message: `${base.message} (${namedRequest(at)}${earlierRoutes(outcome.requests, outcome.at)})` };
    return { ...base, message: `${base.message}\n${SEQUENCE_INTRO}\n${listRequests(outcome.requests, outcome.at, ' → no answer')}` };
  }
  if (visibility === 'hidden') return { status: 'failed', verdict: 'tests_failed', message: 'your app answers a generated sequence of requests differently from the reference' };
  const at = outcome.requests[outcome.at]!;
  if (visibility === 'name-only') {
    return { status: 'failed', verdict: 'tests_failed', message: `${namedRequest(at)}: ${outcome.difference.named}${earlierRoutes(outcome.requests, outcome.at)}` };
  }
  const mark = at.status === outcome.expected.status ? `, where the reference's answer differs` : `, where the reference answered ${outcome.expected.status}`;
  return {
    status: 'failed',
    verdict: 'tests_failed',
    message: `${namedRequest(at)}: ${outcome.difference.visible}\n${SEQUENCE_INTRO}\n${listRequests(outcome.requests, outcome.at, mark)}`,
    expected: renderResponse(withFreeErrorTexts(outcome.expected, errorBody)),
    actual: renderResponse(outcome.actual),
  };
}

/** Shown for an error text of the reference's: the text is never compared, so the student's own words are as good. */
export const FREE_TEXT = '<any text>';

/**
 * The reference's answer as the student is shown it: in an error answer, each string property
 * of the model's errorBody reads FREE_TEXT, so that the reference's wording is not taken for
 * what the check wants.
 */
function withFreeErrorTexts(res: HttpResponse, errorBody: RestModel['errorBody']): HttpResponse {
  if (res.status < 400 || !res.isJson || typeof res.body !== 'object' || res.body === null || Array.isArray(res.body)) return res;
  const body = { ...(res.body as Record<string, unknown>) };
  let changed = false;
  for (const [property, type] of Object.entries(errorBody)) {
    if (type === 'string' && typeof body[property] === 'string') {
      body[property] = FREE_TEXT;
      changed = true;
    }
  }
  return changed ? { ...res, body } : res;
}

/**
 * Fresh starts of the app at least this long, milliseconds, are named as where the check's time
 * went: the check starts the app afresh before each sequence, in a few milliseconds when
 * createApp() does nothing slow.
 */
const SLOW_START_MS = 250;

function slowPart(startMs: number | undefined): string {
  if (startMs === undefined || startMs < SLOW_START_MS) return 'answer each request promptly';
  const seconds = startMs >= 1_000 ? `${(startMs / 1_000).toFixed(1)} s` : `${startMs} ms`;
  return `the check builds your app afresh before each sequence, and that took about ${seconds} each time: keep slow work out of the function that builds your app, createApp() or create_app() (do it once, or lazily)`;
}

const SEQUENCE_INTRO = 'The shortest sequence of requests found that shows it, from a fresh start:';

/** `POST /books (author: a number instead of text)`: the route as declared and the classes of its unusual input. */
function namedRequest(sent: SentRequest | undefined): string {
  if (!sent) return 'a request';
  const { route, labels } = sent.request;
  return labels.length > 0 ? `${route} (${labels.join('; ')})` : route;
}

/** `, after POST /books, DELETE /books/:id`: what came before, by route only. */
function earlierRoutes(requests: SentRequest[], at: number): string {
  if (at <= 0) return ', the first request after a fresh start';
  return `, after ${requests
    .slice(0, at)
    .map((r) => namedRequest(r))
    .join(', ')}`;
}

/** Strings in a rendered body longer than this are cut, saying how long they were. */
const SHOWN_STRING_CHARS = 40;
const SHOWN_BODY_CHARS = 300;

function listRequests(requests: SentRequest[], at: number, mark: string): string {
  return requests
    .slice(0, at + 1)
    .map((r, i) => {
      const body = r.request.text !== undefined ? ` ${r.request.text} (malformed JSON)` : r.request.hasBody ? ` ${shownBody(r.request.json)}` : r.step.body?.kind === 'none' ? ' (no body)' : '';
      const answer = r.status === undefined ? '' : ` → ${r.status}`;
      return `${i + 1}. ${r.request.method} ${r.request.target}${body}${answer}${i === at ? mark : ''}`;
    })
    .join('\n');
}

function shownBody(json: unknown): string {
  const text = JSON.stringify(json, (_key, value: unknown) =>
    typeof value === 'string' && value.length > SHOWN_STRING_CHARS ? `${value.slice(0, 12)}… (${value.length} characters)` : value,
  );
  return text.length > SHOWN_BODY_CHARS ? `${text.slice(0, SHOWN_BODY_CHARS - 1)}…` : text;
}
