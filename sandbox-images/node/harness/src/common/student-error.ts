/**
 * An error of the student's code as the student should read it: the message and the stack
 * frames of their own files, paths relative to their submission, without the frames of the
 * runner, of Node's internals or of the packages under /opt/node_modules.
 */
const HIDDEN_FRAMES = ['/opt/runner/', 'node:internal', '/opt/node_modules/', '(node:'];
const MAX_FRAMES = 8;

export function describeStudentError(err: unknown, submissionDir = '/submission/'): string {
  const stack = readStack(err);
  const lines = stack.split('\n').filter((line) => !HIDDEN_FRAMES.some((hidden) => line.includes(hidden)));
  let frames = 0;
  const kept = lines.filter((line) => !/^\s+at /.test(line) || (frames += 1) <= MAX_FRAMES);
  return kept.join('\n').split(submissionDir).join('').trimEnd();
}

function readStack(err: unknown): string {
  try {
    if (err === null || err === undefined) return `a thrown value that is not an Error: ${String(err)}`;
    const { stack, message } = err as { stack?: unknown; message?: unknown };
    if (typeof stack === 'string' && stack !== '') return stack;
    if (typeof message === 'string') return message;
    return `a thrown value that is not an Error: ${String(err)}`;
  } catch {
    return 'a thrown value that cannot even be printed';
  }
}
