import { z } from 'zod';
import { LIMITS } from './limits';

/**
 * A path a student may submit: relative, forward slashes, no `..`, no absolute path,
 * no NUL or control characters, no empty segment. Checked at the API (so nothing bad
 * is stored) and again by the harness before it writes anything.
 */
const SAFE_RELATIVE_PATH = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

export function pathProblem(path: string): string | undefined {
  if (path.length === 0) return 'is empty';
  if (path.length > LIMITS.submission.pathChars) return `is longer than ${LIMITS.submission.pathChars} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'contains a control character';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('\\')) return 'is absolute';
  const segments = path.split(/[\\/]/);
  if (segments.includes('..')) return 'goes up a directory (..)';
  if (segments.includes('.')) return 'has a "." segment';
  // A JSON key "__proto__" is dropped by every object it is copied into: refused, never lost.
  if (segments.includes('__proto__')) return 'is "__proto__", which is not a file name';
  if (!SAFE_RELATIVE_PATH.test(path)) return 'may only use letters, digits, ".", "_", "-" and "/" between names';
  return undefined;
}

export const SubmittedPath = z.string().superRefine((path, ctx) => {
  const problem = pathProblem(path);
  if (problem) ctx.addIssue({ code: 'custom', message: `file name ${JSON.stringify(path)} ${problem}` });
});

/** The files of a submission: path → UTF-8 text. Each bad name is reported under its own key. */
export const SubmittedFiles = z
  .record(z.string(), z.string().max(LIMITS.submission.fileBytes, `a file may hold at most ${LIMITS.submission.fileBytes} characters`))
  .superRefine((files, ctx) => {
    const paths = Object.keys(files);
    if (paths.length === 0) ctx.addIssue({ code: 'custom', message: 'at least one file is required' });
    if (paths.length > LIMITS.submission.files) ctx.addIssue({ code: 'custom', message: `at most ${LIMITS.submission.files} files` });
    for (const path of paths) {
      const problem = pathProblem(path);
      if (problem) ctx.addIssue({ code: 'custom', path: [path], message: `file name ${JSON.stringify(path)} ${problem}` });
    }
  });
export type SubmittedFiles = z.infer<typeof SubmittedFiles>;
