/**
 * What a test's assertion throws: a message that names the request and what differs
 * ("POST /books: expected status 201, got 200"), and short renderings of the expected and
 * actual answers, shown for visible tests only.
 */
export class AssertionFailure extends Error {
  override readonly name = 'AssertionFailure';
  constructor(
    message: string,
    readonly expected?: string,
    readonly actual?: string,
  ) {
    super(message);
  }
}

/** node:assert's AssertionError, by its code: instructors may use node:assert in a test case too. */
export function isNodeAssertionError(err: unknown): err is Error {
  return (err as { code?: unknown } | null)?.code === 'ERR_ASSERTION';
}

/**
 * What a kind's own `expect…` helpers throw when the behaviour a test `check`s is missing (a
 * repeated read sent to the source, a nested query costing one request per parent): the
 * feedback then names the check's lesson (checkFeedback), at every visibility. Any other failure
 * of the test (a wrong status or body) is an ordinary one.
 */
export class CheckFailed extends AssertionFailure {}
