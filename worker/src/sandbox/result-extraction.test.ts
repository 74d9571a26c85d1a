import { LIMITS, RESULT_MARKER, SANDBOX_PROTOCOL, type SandboxResult } from '@grader/contracts';
import { extractResult } from './result-extraction';

const nonce = 'n0nce0123456789abcdef';

function result(verdict: SandboxResult['verdict'], score: number): SandboxResult {
  return { protocol: SANDBOX_PROTOCOL, verdict, score, maxScore: 10, message: verdict, tests: [] };
}

function framed(doc: unknown, withNonce = nonce): string {
  return `${RESULT_MARKER}${withNonce}\n${JSON.stringify(doc)}\n`;
}

describe('extractResult', () => {
  it('takes the document after the marker and nonce', () => {
    expect(extractResult(`some diagnostics\n${framed(result('accepted', 10))}`, nonce)).toEqual({ ok: true, result: result('accepted', 10) });
  });

  it('takes the last framed document when there are several', () => {
    const stdout = framed(result('accepted', 10)) + framed(result('tests_failed', 3));
    expect(extractResult(stdout, nonce)).toEqual({ ok: true, result: result('tests_failed', 3) });
  });

  it('ignores a document framed with another nonce, as a student might print one', () => {
    const stdout = framed(result('accepted', 10), 'forgedforgedforged00') + framed(result('tests_failed', 0));
    expect(extractResult(stdout, nonce)).toEqual({ ok: true, result: result('tests_failed', 0) });
    expect(extractResult(framed(result('accepted', 10), 'forgedforgedforged00'), nonce)).toMatchObject({ ok: false });
  });

  it('fails when anything follows the document: the harness writes it last', () => {
    expect(extractResult(`${framed(result('accepted', 10))}trailing`, nonce)).toMatchObject({ ok: false });
  });

  it('fails when there is no framed document', () => {
    expect(extractResult('{"protocol":1}', nonce)).toEqual({ ok: false, problem: 'no result document on stdout' });
  });

  it('fails on a document that is not JSON or cut short', () => {
    const stdout = framed(result('accepted', 10)).slice(0, -20);
    expect(extractResult(stdout, nonce)).toMatchObject({ ok: false, problem: expect.stringContaining('not JSON') });
  });

  it('fails on a document that breaks the contract, such as a score above the maximum', () => {
    expect(extractResult(framed({ ...result('accepted', 10), score: 11 }), nonce)).toMatchObject({ ok: false, problem: expect.stringContaining('contract') });
    expect(extractResult(framed({ ...result('accepted', 1), verdict: 'great' }), nonce)).toMatchObject({ ok: false });
  });

  it('fails on a document larger than the cap', () => {
    const huge = { ...result('accepted', 10), message: 'x'.repeat(LIMITS.sandbox.resultBytes) };
    expect(extractResult(framed(huge), nonce)).toMatchObject({ ok: false, problem: expect.stringContaining('larger') });
  });
});
