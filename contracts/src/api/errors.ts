/**
 * The catalogue of every error code the API answers, with its HTTP status and title: the one
 * place a code is spelled. The API's AppError takes only these codes (a type error otherwise),
 * the OpenAPI document names them per route, and the README's table is checked against this
 * list by a test. Codes are stable: clients branch on them, so a code is never reused for
 * another meaning or status.
 */
/**
 * One code: its status and title, what it means (the README's table and the OpenAPI document say
 * it), whether any route may answer it (a problem below the level of a route, listed once in the
 * document's description rather than on every route), and whether it carries Retry-After.
 */
interface ErrorEntry {
  status: number;
  title: string;
  meaning: string;
  anyRoute?: true;
  retryAfter?: true;
}

export const ERROR_CATALOGUE = {
  // Requests that are not well-formed.
  validation_failed: { status: 400, title: 'Invalid request', meaning: 'the request does not have the expected shape; `errors` names each field' },
  malformed_json: { status: 400, title: 'Malformed JSON', meaning: 'the body is not valid JSON' },
  malformed_body: { status: 400, title: 'Malformed body', meaning: 'the body cannot be read as declared (charset, encoding)', anyRoute: true },
  malformed_path: { status: 400, title: 'Malformed path', meaning: 'a `%` in the path does not start valid percent-encoded UTF-8', anyRoute: true },
  malformed_request: { status: 400, title: 'Bad request', meaning: 'not well-formed HTTP/1.1 (request line, method or a header)', anyRoute: true },
  missing_host: { status: 400, title: 'Bad request', meaning: 'an HTTP/1.1 request without a Host header', anyRoute: true },
  request_aborted: { status: 400, title: 'Request aborted', meaning: 'the connection closed before the whole body arrived', anyRoute: true },
  bad_request: { status: 400, title: 'Bad Request', meaning: 'a library refused the request for a reason of its own', anyRoute: true },
  invalid_archive: { status: 400, title: 'Invalid archive', meaning: 'an uploaded exercise package is not a readable archive' },
  request_timeout: { status: 408, title: 'Request timeout', meaning: 'the request did not arrive in time', anyRoute: true },
  payload_too_large: { status: 413, title: 'Payload too large', meaning: 'the body is larger than the limit' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type', meaning: 'the body is not application/json (or the route’s declared type)' },
  unsupported_content_encoding: { status: 415, title: 'Unsupported media type', meaning: 'a Content-Encoding other than gzip, deflate or br', anyRoute: true },
  headers_too_large: { status: 431, title: 'Request header fields too large', meaning: 'the headers are larger than 16 KiB in all', anyRoute: true },
  expectation_failed: { status: 417, title: 'Expectation Failed', meaning: 'an Expect header other than 100-continue', anyRoute: true },
  precondition_failed: { status: 412, title: 'Precondition Failed', meaning: 'a conditional request for a web-app file did not hold' },
  range_not_satisfiable: { status: 416, title: 'Range Not Satisfiable', meaning: 'a byte range of a web-app file outside the file' },
  // Who may do what.
  unauthorized: { status: 401, title: 'Unauthorized', meaning: 'no valid token or session' },
  bad_credentials: { status: 401, title: 'Unauthorized', meaning: 'unknown username or wrong password' },
  forbidden: { status: 403, title: 'Forbidden', meaning: 'your role may not do this' },
  csrf_token_invalid: { status: 403, title: 'Forbidden', meaning: 'a cookie-authenticated change without the session’s X-CSRF-Token' },
  lti_login_refused: { status: 400, title: 'LTI login refused', meaning: 'an LTI login initiation from an unregistered platform, client or deployment, or without its parameters' },
  lti_launch_refused: { status: 401, title: 'LTI launch refused', meaning: 'an LTI launch whose state, signature, issuer, audience, expiry, nonce, deployment or claims do not check out; `detail` says which' },
  not_in_course: { status: 403, title: 'Forbidden', meaning: 'the assignment belongs to a course you are not a member of' },
  // What was asked for.
  not_found: { status: 404, title: 'Not found', meaning: 'no such resource, or not yours to see' },
  route_not_found: { status: 404, title: 'Not found', meaning: 'no route answers this method and path', anyRoute: true },
  unknown_exercise: { status: 422, title: 'Unknown exercise', meaning: 'no published exercise has this slug' },
  wrong_files: { status: 422, title: 'Wrong files', meaning: 'a submission must hold exactly the files the exercise names' },
  bad_characters: { status: 422, title: 'Unexpected characters', meaning: 'a submitted file holds NUL or another control character' },
  callback_url_refused: { status: 422, title: 'Callback URL refused', meaning: 'a webhook URL with credentials or a private address' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key reused', meaning: 'the Idempotency-Key was used for other content' },
  invalid_exercise: { status: 422, title: 'Invalid exercise package', meaning: 'an uploaded package is not a valid exercise; `errors` says where' },
  slug_changed: { status: 422, title: 'Slug changed', meaning: 'a draft’s new package is for another exercise' },
  nothing_to_regrade: { status: 422, title: 'Nothing to regrade', meaning: 'no graded submission would be regraded' },
  regrade_too_large: { status: 422, title: 'Regrade too large', meaning: 'more submissions than one regrade may hold' },
  exercise_not_in_assignment: { status: 422, title: 'Exercise not in assignment', meaning: 'the assignment does not hold this exercise' },
  invalid_assignment: { status: 422, title: 'Invalid assignment', meaning: 'its dates are out of order, or it names an exercise twice or one that is not published' },
  // Conflicts with the current state.
  lti_platform_exists: { status: 409, title: 'Conflict', meaning: 'a platform with this issuer and client id is registered' },
  username_taken: { status: 409, title: 'Conflict', meaning: 'the username is taken' },
  idempotency_in_flight: { status: 409, title: 'Conflict', meaning: 'a request with this Idempotency-Key is still being stored', retryAfter: true },
  not_requeueable: { status: 409, title: 'Conflict', meaning: 'only a submission in grader error can be queued again' },
  draft_closed: { status: 409, title: 'Conflict', meaning: 'the draft was published or discarded' },
  not_validated: { status: 409, title: 'Not publishable', meaning: 'the draft has no validation yet' },
  validation_outdated: { status: 409, title: 'Not publishable', meaning: 'the draft changed after its latest validation' },
  validation_pending: { status: 409, title: 'Not publishable', meaning: 'the latest validation has not finished' },
  validation_errored: { status: 409, title: 'Not publishable', meaning: 'the latest validation could not be completed' },
  validation_not_passed: { status: 409, title: 'Not publishable', meaning: 'a candidate of the latest validation did not grade as declared' },
  regrade_in_progress: { status: 409, title: 'Conflict', meaning: 'another regrade of this exercise is open' },
  regrade_unfinished: { status: 409, title: 'Conflict', meaning: 'the regrade’s submissions are still being graded' },
  regrade_closed: { status: 409, title: 'Conflict', meaning: 'the regrade was already applied or discarded' },
  assignment_not_open: { status: 409, title: 'Assignment not open', meaning: 'the assignment opens later; nothing was stored' },
  assignment_closed: { status: 409, title: 'Assignment closed', meaning: 'the assignment (and any late period or extension) has closed; nothing was stored' },
  submission_limit_reached: { status: 409, title: 'Submission limit reached', meaning: 'you used every submission the assignment allows for this exercise' },
  no_visible_tests: { status: 409, title: 'Nothing to try', meaning: 'the exercise has no visible test to run before submitting; submit to be graded' },
  // Fair use and capacity.
  rate_limited: { status: 429, title: 'Too many requests', meaning: 'too many requests in the window; see Retry-After', retryAfter: true },
  too_many_waiting: { status: 429, title: 'Too many submissions waiting', meaning: 'your submissions waiting for a grade reached the cap', retryAfter: true },
  trial_run_in_progress: { status: 429, title: 'A trial run is waiting', meaning: 'your trial run waiting or running must finish first', retryAfter: true },
  too_many_streams: { status: 429, title: 'Too many requests', meaning: 'too many event streams open', retryAfter: true },
  queue_unavailable: { status: 503, title: 'Service unavailable', meaning: 'the grading queue cannot take work; nothing was stored', retryAfter: true },
  queue_saturated: { status: 503, title: 'Service unavailable', meaning: 'the graders are saturated; nothing was stored', retryAfter: true },
  backup_failed: { status: 503, title: 'Service unavailable', meaning: 'the backup could not be written (disk full or unwritable); nothing else changed', retryAfter: true },
  dependency_unavailable: { status: 503, title: 'Service unavailable', meaning: 'Redis or the database cannot be reached; nothing was stored', anyRoute: true, retryAfter: true },
  internal_error: { status: 500, title: 'Internal server error', meaning: 'our fault; logged, details never answered', anyRoute: true },
} as const satisfies Record<string, ErrorEntry>;

/** A code of the catalogue. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Every code, in catalogue order. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** Whether a code's answer carries Retry-After. */
export function carriesRetryAfter(code: ErrorCode): boolean {
  return (ERROR_CATALOGUE[code] as ErrorEntry).retryAfter === true;
}

/** The codes any route may answer (malformed below the level of a route, an outage, our fault), in catalogue order. */
export const ANY_ROUTE_ERROR_CODES = ERROR_CODES.filter((code) => (ERROR_CATALOGUE[code] as ErrorEntry).anyRoute === true);
