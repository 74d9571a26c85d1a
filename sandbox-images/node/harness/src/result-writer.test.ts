import { LIMITS, RESULT_MARKER, SANDBOX_PROTOCOL, SandboxResult } from './contracts';
import { frameResult } from './result-writer';

const nonce = 'abcdefghijklmnop0123';

function unframe(framed: string): unknown {
  const prefix = `${RESULT_MARKER}${nonce}\n`;
  expect(framed.startsWith(prefix)).toBe(true);
  return JSON.parse(framed.slice(prefix.length));
}

const valid: SandboxResult = {
  protocol: SANDBOX_PROTOCOL,
  verdict: 'accepted',
  score: 1,
  maxScore: 1,
  message: 'ok',
  tests: [{ name: 't', visibility: 'visible', status: 'passed', verdict: 'accepted', score: 1, maxScore: 1, message: 'passed' }],
};

describe('frameResult', () => {
  it('frames the document with the marker and the nonce on a line of their own', () => {
    expect(unframe(frameResult(nonce, valid))).toEqual(valid);
  });

  it('turns a document that breaks the contract into an internal error', () => {
    const broken = { ...valid, score: 2 } as SandboxResult;
    const document = unframe(frameResult(nonce, broken));
    expect(SandboxResult.parse(document)).toMatchObject({ verdict: 'internal_error', score: 0 });
  });

  it('drops the renderings of a document too large for the worker, keeping the verdicts', () => {
    const big = 'x'.repeat(3900);
    const tests = Array.from({ length: 300 }, (_, i) => ({ ...valid.tests[0]!, name: `t${i}`, expected: big, actual: big, message: big }));
    const result: SandboxResult = { ...valid, tests, score: 300, maxScore: 300 };
    const framed = frameResult(nonce, result);
    expect(Buffer.byteLength(framed)).toBeLessThan(LIMITS.sandbox.resultBytes);
    const document = SandboxResult.parse(unframe(framed));
    expect(document.verdict).toBe('accepted');
    expect(document.tests[0]?.expected).toBeUndefined();
    expect(document.tests).toHaveLength(300);
  });
});
