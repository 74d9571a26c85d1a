/**
 * The two ways running a sandbox can fail without a verdict, kept apart because the
 * caller treats them differently.
 */

/**
 * The infrastructure failed (engine unreachable, image missing, container not created or
 * not started): nothing is known about the submission; the caller retries later.
 */
export class InfrastructureError extends Error {
  override readonly name = 'InfrastructureError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The harness ran but left no valid result document: the caller records an internal
 * error and does not retry. Never to be turned into full marks nor into a student's zero.
 */
export class SandboxProtocolError extends Error {
  override readonly name = 'SandboxProtocolError';
  constructor(
    message: string,
    /** The end of the container's stderr, for staff. */
    readonly diagnostics?: string,
  ) {
    super(message);
  }
}
