import { LIMITS, RESULT_MARKER, SandboxResult } from './contracts';
import { internalErrorResult } from './common/result-summary';

/**
 * Frames the result document for the worker: RESULT_MARKER + nonce, a newline, the
 * JSON. The document is checked against the contract first (a harness bug becomes an
 * internal error the worker can still read) and shrunk to fit the worker's cap.
 */
export function frameResult(nonce: string, result: SandboxResult): string {
  return `${RESULT_MARKER}${nonce}\n${serializeWithinLimit(checked(result))}\n`;
}

/** Writes the framed result as the harness's last output on stdout; resolves once it is flushed. */
export function writeResult(nonce: string, result: SandboxResult): Promise<void> {
  const framed = frameResult(nonce, result);
  return new Promise((resolve) => process.stdout.write(framed, () => resolve()));
}

function checked(result: SandboxResult): SandboxResult {
  const parsed = SandboxResult.safeParse(result);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
  return internalErrorResult(`the harness produced an invalid result (${issues.join('; ')})`, safeMaxScore(result));
}

function serializeWithinLimit(result: SandboxResult): string {
  const fits = (text: string): boolean => Buffer.byteLength(text) <= LIMITS.sandbox.resultBytes;
  const full = JSON.stringify(result);
  if (fits(full)) return full;
  // The renderings go first, they are conveniences; then messages are cut short.
  const lean = JSON.stringify({
    ...result,
    tests: result.tests.map(({ expected: _expected, actual: _actual, ...test }) => ({ ...test, message: test.message.slice(0, 300) })),
  });
  if (fits(lean)) return lean;
  return JSON.stringify(internalErrorResult('the result document is too large', result.maxScore));
}

function safeMaxScore(result: SandboxResult): number {
  return Number.isFinite(result.maxScore) && result.maxScore >= 0 ? result.maxScore : 0;
}
