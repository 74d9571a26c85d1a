import { LIMITS, RESULT_MARKER, SandboxResult } from '@grader/contracts';

export type Extraction = { ok: true; result: SandboxResult } | { ok: false; problem: string };

/**
 * Takes the result document from the harness's stdout: the text after the LAST
 * occurrence of RESULT_MARKER + nonce and its newline, parsed against the contract.
 * Only the harness knows the nonce, so nothing else can frame a document; taking the last
 * one means any earlier output, even one that imitates the frame, cannot win.
 */
export function extractResult(stdout: string, nonce: string): Extraction {
  const frame = `${RESULT_MARKER}${nonce}\n`;
  const at = stdout.lastIndexOf(frame);
  if (at < 0) return { ok: false, problem: 'no result document on stdout' };
  const document = stdout.slice(at + frame.length).trim();
  if (document === '') return { ok: false, problem: 'the result document is empty' };
  if (Buffer.byteLength(document) > LIMITS.sandbox.resultBytes) {
    return { ok: false, problem: `the result document is larger than ${LIMITS.sandbox.resultBytes} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(document);
  } catch (err) {
    return { ok: false, problem: `the result document is not JSON (${(err as Error).message})` };
  }
  const parsed = SandboxResult.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, problem: `the result document breaks the contract: ${issues.join('; ')}` };
  }
  return { ok: true, result: parsed.data };
}
