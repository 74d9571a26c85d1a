/**
 * The one error type of provisioning: a one-line message for the person reading the
 * output, plus optional detail lines (a log tail) printed before it.
 */
export class ProvisionError extends Error {
  override name = 'ProvisionError';

  constructor(
    message: string,
    readonly detail: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The message of anything thrown, on one line. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The last `count` non-empty lines of a text, for error details. */
export function tail(text: string, count = 20): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .slice(-count);
}
