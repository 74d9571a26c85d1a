import { STATUS_CODES } from 'node:http';

/**
 * The one error type of the API. Every failure a client can see is an AppError with an
 * HTTP status and a stable machine-readable code; the error handler renders it as
 * RFC 9457 problem+json. Anything else that reaches the handler is a 500 whose details
 * stay in the log.
 */
export interface FieldError {
  /** Where in the request, e.g. `files.query.sql` or `exercise`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

/** Constructors for the errors routes raise, so codes are spelled in one place. */
export const Errors = {
  validation: (errors: FieldError[], detail = 'The request does not have the expected shape; see errors.') =>
    new AppError(400, 'validation_failed', 'Invalid request', detail, { errors }),
  malformedJson: (detail: string) => new AppError(400, 'malformed_json', 'Malformed JSON', `The body is not valid JSON: ${detail}`),
  unsupportedMediaType: () =>
    new AppError(415, 'unsupported_media_type', 'Unsupported media type', 'Send the body as application/json.'),
  payloadTooLarge: (limitBytes: number) =>
    new AppError(413, 'payload_too_large', 'Payload too large', `The body is larger than ${limitBytes} bytes.`),
  notFound: (what: string) => new AppError(404, 'not_found', 'Not found', `${what} does not exist.`),
  routeNotFound: (method: string, path: string) =>
    new AppError(404, 'route_not_found', 'Not found', `There is no route ${method} ${path}.`),
  unknownExercise: (slug: string) =>
    new AppError(422, 'unknown_exercise', 'Unknown exercise', `There is no published exercise "${slug}".`, {
      errors: [{ path: 'exercise', message: `no published exercise "${slug}"` }],
    }),
  wrongFiles: (errors: FieldError[]) =>
    new AppError(422, 'wrong_files', 'Wrong files', 'The submission must contain exactly the files the exercise asks for; see errors.', { errors }),
  unauthorized: () =>
    new AppError(401, 'unauthorized', 'Unauthorized', 'Sign in, or send a valid API token as "Authorization: Bearer <token>".'),
  forbidden: () => new AppError(403, 'forbidden', 'Forbidden', 'Your role may not do this.'),
  csrf: () =>
    new AppError(403, 'csrf_token_invalid', 'Forbidden', 'A signed-in browser request that changes something must send the X-CSRF-Token header of its session.'),
  badCredentials: () => new AppError(401, 'bad_credentials', 'Unauthorized', 'Unknown username or wrong password.'),
  conflict: (code: string, detail: string, errors?: FieldError[]) => new AppError(409, code, 'Conflict', detail, errors ? { errors } : {}),
  callbackUrlRefused: (reason: string) =>
    new AppError(422, 'callback_url_refused', 'Callback URL refused', `The callbackUrl ${reason}.`, {
      errors: [{ path: 'callbackUrl', message: reason }],
    }),
  tooManyStreams: (limit: number) =>
    new AppError(429, 'too_many_streams', 'Too many requests', `You already have ${limit} event streams open; close one first.`, {
      retryAfterSeconds: 5,
    }),
  queueUnavailable: () =>
    new AppError(503, 'queue_unavailable', 'Service unavailable', 'The grading queue cannot take work right now; nothing was stored. Try again shortly.', {
      retryAfterSeconds: 5,
    }),
  idempotencyInFlight: () =>
    new AppError(409, 'idempotency_in_flight', 'Conflict', 'A request with this Idempotency-Key is still being stored; retry in a moment to get its submission.', {
      retryAfterSeconds: 1,
    }),
  badCharacters: (errors: FieldError[]) =>
    new AppError(422, 'bad_characters', 'Unexpected characters', 'A submitted file holds a NUL or another control character that is not ordinary whitespace; see errors for where.', { errors }),
  dependencyUnavailable: (dependency: string) =>
    new AppError(503, 'dependency_unavailable', 'Service unavailable', `The ${dependency} cannot be reached right now; nothing was stored. Try again shortly.`, {
      retryAfterSeconds: 5,
    }),
  notRequeueable: (status: string) =>
    new AppError(409, 'not_requeueable', 'Conflict', `Only a submission that ended in a grader error can be queued again; this one is ${status}.`),
  malformedPath: () =>
    new AppError(400, 'malformed_path', 'Malformed path', 'The path holds a "%" that does not start a valid percent-encoded UTF-8 sequence (%XX).'),
  malformedBody: (detail: string) => new AppError(400, 'malformed_body', 'Malformed body', detail),
  unsupportedContentEncoding: () =>
    new AppError(415, 'unsupported_content_encoding', 'Unsupported media type', 'Send the body uncompressed, or with Content-Encoding gzip, deflate or br.'),
  requestAborted: () => new AppError(400, 'request_aborted', 'Request aborted', 'The connection closed before the whole body arrived.'),
  /** Node's HTTP parser refused the request before Express saw it (bad request line, method or header). */
  malformedRequest: () =>
    new AppError(400, 'malformed_request', 'Bad request', 'The request is not well-formed HTTP/1.1 (request line, method, or a header name or value).'),
  headersTooLarge: () =>
    new AppError(431, 'headers_too_large', 'Request header fields too large', 'The request\'s headers are larger than the server accepts (16 KiB in all).'),
  missingHost: () => new AppError(400, 'missing_host', 'Bad request', 'An HTTP/1.1 request must have a Host header.'),
  requestTimeout: () => new AppError(408, 'request_timeout', 'Request timeout', 'The request did not arrive in time.'),
  /**
   * Any other 4xx a library raised (the error carries its own status): that status, and a code
   * made from its standard reason phrase, e.g. 416 → `range_not_satisfiable`, 400 → `bad_request`.
   */
  clientStatus: (status: number) => {
    const title = STATUS_CODES[status] ?? 'Bad Request';
    const code = title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
    return new AppError(status, code, title, `The request was refused (${status} ${title}).`);
  },
  internal: () => new AppError(500, 'internal_error', 'Internal server error', 'Something went wrong on our side. It has been logged.'),
} as const;
