import { STATUS_CODES } from 'node:http';
import { ERROR_CATALOGUE, type ErrorCode } from '@grader/contracts';

/**
 * The one error type of the API. Every failure a client can see is an AppError with a code of
 * the catalogue (@grader/contracts), whose HTTP status and title it takes from there; the error
 * handler renders it as RFC 9457 problem+json. Anything else that reaches the handler is a 500
 * whose details stay in the log.
 */
export interface FieldError {
  /** Where in the request, e.g. `files.query.sql` or `exercise`. */
  path: string;
  message: string;
}

export interface ProblemExtras {
  errors?: FieldError[];
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly extras: ProblemExtras;

  constructor(code: ErrorCode, detail: string, extras: ProblemExtras = {}) {
    super(detail);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
    this.code = code;
    this.title = ERROR_CATALOGUE[code].title;
    this.detail = detail;
    this.extras = extras;
  }
}

/** The catalogue's code for a 4xx status a library raised; any other is a plain bad request. */
const CLIENT_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  417: 'expectation_failed',
  431: 'headers_too_large',
};

/** Constructors for the errors raised in more than one place, or with details worth keeping together. */
export const Errors = {
  validation: (errors: FieldError[], detail = 'The request does not have the expected shape; see errors.') => new AppError('validation_failed', detail, { errors }),
  malformedJson: (detail: string) => new AppError('malformed_json', `The body is not valid JSON: ${detail}`),
  unsupportedMediaType: () => new AppError('unsupported_media_type', 'Send the body as application/json.'),
  payloadTooLarge: (limitBytes: number) => new AppError('payload_too_large', `The body is larger than ${limitBytes} bytes.`),
  notFound: (what: string) => new AppError('not_found', `${what} does not exist.`),
  routeNotFound: (method: string, path: string) => new AppError('route_not_found', `There is no route ${method} ${path}.`),
  unknownExercise: (slug: string) =>
    new AppError('unknown_exercise', `There is no published exercise "${slug}".`, { errors: [{ path: 'exercise', message: `no published exercise "${slug}"` }] }),
  wrongFiles: (errors: FieldError[]) =>
    new AppError('wrong_files', 'The submission must contain exactly the files the exercise asks for; see errors.', { errors }),
  unauthorized: (detail = 'Sign in, or send a valid API token as "Authorization: Bearer <token>".') => new AppError('unauthorized', detail),
  forbidden: () => new AppError('forbidden', 'Your role may not do this.'),
  csrf: () => new AppError('csrf_token_invalid', 'A signed-in browser request that changes something must send the X-CSRF-Token header of its session.'),
  badCredentials: () => new AppError('bad_credentials', 'Unknown username or wrong password.'),
  usernameTaken: (username: string) =>
    new AppError('username_taken', `The username "${username}" is taken.`, { errors: [{ path: 'username', message: 'already taken' }] }),
  callbackUrlRefused: (reason: string) =>
    new AppError('callback_url_refused', `The callbackUrl ${reason}.`, { errors: [{ path: 'callbackUrl', message: reason }] }),
  tooManyStreams: (limit: number) =>
    new AppError('too_many_streams', `You already have ${limit} event streams open; close one first.`, { retryAfterSeconds: 5 }),
  queueUnavailable: () =>
    new AppError('queue_unavailable', 'The grading queue cannot take work right now; nothing was stored. Try again shortly.', { retryAfterSeconds: 5 }),
  idempotencyInFlight: () =>
    new AppError('idempotency_in_flight', 'A request with this Idempotency-Key is still being stored; retry in a moment to get its submission.', {
      retryAfterSeconds: 1,
    }),
  badCharacters: (errors: FieldError[]) =>
    new AppError('bad_characters', 'A submitted file holds a NUL or another control character that is not ordinary whitespace; see errors for where.', { errors }),
  dependencyUnavailable: (dependency: string) =>
    new AppError('dependency_unavailable', `The ${dependency} cannot be reached right now; nothing was stored. Try again shortly.`, { retryAfterSeconds: 5 }),
  notRequeueable: (status: string) =>
    new AppError('not_requeueable', `Only a submission that ended in a grader error can be queued again; this one is ${status}.`),
  malformedPath: () => new AppError('malformed_path', 'The path holds a "%" that does not start a valid percent-encoded UTF-8 sequence (%XX).'),
  malformedBody: (detail: string) => new AppError('malformed_body', detail),
  unsupportedContentEncoding: () => new AppError('unsupported_content_encoding', 'Send the body uncompressed, or with Content-Encoding gzip, deflate or br.'),
  requestAborted: () => new AppError('request_aborted', 'The connection closed before the whole body arrived.'),
  /** Node's HTTP parser refused the request before Express saw it (bad request line, method or header). */
  malformedRequest: () =>
    new AppError('malformed_request', 'The request is not well-formed HTTP/1.1 (request line, method, or a header name or value).'),
  headersTooLarge: () => new AppError('headers_too_large', "The request's headers are larger than the server accepts (16 KiB in all)."),
  missingHost: () => new AppError('missing_host', 'An HTTP/1.1 request must have a Host header.'),
  requestTimeout: () => new AppError('request_timeout', 'The request did not arrive in time.'),
  /**
   * Any other 4xx a library raised (the error carries its own status): the catalogue's code for
   * that status, e.g. 416 → `range_not_satisfiable`, 400 → `bad_request`; the detail names the
   * status as the library gave it.
   */
  clientStatus: (status: number) => {
    const code = CLIENT_STATUS_CODES[status] ?? 'bad_request';
    return new AppError(code, `The request was refused (${status} ${STATUS_CODES[status] ?? 'Bad Request'}).`);
  },
  internal: () => new AppError('internal_error', 'Something went wrong on our side. It has been logged.'),
} as const;
