import { parseRunnerOutput } from './runner-output';

describe('parseRunnerOutput', () => {
  it('accepts rows of numbers, text, NULL, blobs and infinities', () => {
    const text = JSON.stringify({ kind: 'ok', columns: ['a', 'b'], rows: [[1, 'x'], [null, { blob: '00ff' }], [{ real: 'Infinity' }, 2.5]] });
    expect(parseRunnerOutput(text)).toEqual(JSON.parse(text));
  });

  it('rejects a row whose length differs from the column count', () => {
    expect(parseRunnerOutput(JSON.stringify({ kind: 'ok', columns: ['a', 'b'], rows: [[1]] }))).toBeUndefined();
  });

  it('rejects anything that is not exactly one document', () => {
    expect(parseRunnerOutput('')).toBeUndefined();
    expect(parseRunnerOutput('{"kind":"ok","columns":[],"rows":[]}{}')).toBeUndefined();
    expect(parseRunnerOutput('hello')).toBeUndefined();
  });

  it('rejects unknown fields and malformed blobs', () => {
    expect(parseRunnerOutput(JSON.stringify({ kind: 'ok', columns: [], rows: [], passed: true }))).toBeUndefined();
    expect(parseRunnerOutput(JSON.stringify({ kind: 'ok', columns: ['a'], rows: [[{ blob: 'xyz' }]] }))).toBeUndefined();
    expect(parseRunnerOutput(JSON.stringify({ kind: 'ok', columns: ['a'], rows: [[{}]] }))).toBeUndefined();
  });

  it('accepts the error and too-many-rows documents', () => {
    expect(parseRunnerOutput(JSON.stringify({ kind: 'too-many-rows', limit: 10 }))).toEqual({ kind: 'too-many-rows', limit: 10 });
    const error = { kind: 'error', stage: 'prepare', code: 'SQLITE_ERROR', message: 'near "x": syntax error' };
    expect(parseRunnerOutput(JSON.stringify(error))).toEqual(error);
  });
});
