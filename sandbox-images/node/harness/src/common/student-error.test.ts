import { describeStudentError } from './student-error';

describe("describing the student's error", () => {
  it("keeps the message and the student's frames, relative to the submission", () => {
    const err = new Error('boom');
    err.stack = [
      'Error: boom',
      '    at createApp (/submission/app.js:5:9)',
      '    at appFromExports (/opt/runner/rest-runner.js:10:3)',
      '    at Layer.handle (/opt/node_modules/router/lib/layer.js:1:1)',
      '    at Module._compile (node:internal/modules/cjs/loader:1358:14)',
    ].join('\n');
    expect(describeStudentError(err)).toBe('Error: boom\n    at createApp (app.js:5:9)');
  });

  it("drops the runner from a missing module's require stack", () => {
    const err = Object.assign(new Error("Cannot find module 'expresss'\nRequire stack:\n- /submission/app.js\n- /opt/runner/rest-runner.js"), { stack: '' });
    expect(describeStudentError(err)).toBe("Cannot find module 'expresss'\nRequire stack:\n- app.js");
  });

  it('copes with thrown values that are not errors', () => {
    expect(describeStudentError('oops')).toBe('a thrown value that is not an Error: oops');
    expect(describeStudentError(null)).toBe('a thrown value that is not an Error: null');
    const hostile = { get stack(): string { throw new Error('no'); } };
    expect(describeStudentError(hostile)).toBe('a thrown value that cannot even be printed');
  });

  it('keeps at most eight frames', () => {
    const err = new Error('deep');
    err.stack = ['RangeError: deep', ...Array.from({ length: 20 }, (_, i) => `    at f${i} (/submission/app.js:${i}:1)`)].join('\n');
    expect(describeStudentError(err).split('\n')).toHaveLength(9);
  });
});
