import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import { STUDENT } from '../../container-layout';

/** What reading one of the student's files gave. */
export type StudentFileRead =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'missing' }
  | { kind: 'refused'; why: 'symbolic-link' | 'not-regular' | 'not-the-students' | 'too-large' | 'unreadable'; detail: string };

/**
 * A file the student's app made, read by the harness (root) without trusting its name: opened
 * with O_NOFOLLOW (a symbolic link to the grader's files is refused, not followed) and
 * O_NONBLOCK (a FIFO opens at once and is refused instead of waiting for a writer), and read
 * only when it is a regular file of the student's uid of at most `maxBytes` bytes.
 */
export function readStudentFile(file: string, maxBytes: number): StudentFileRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ELOOP') return { kind: 'refused', why: 'symbolic-link', detail: `${file} is a symbolic link` };
    return { kind: 'refused', why: 'unreadable', detail: `${file} could not be opened (${code ?? String(err)})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'refused', why: 'not-regular', detail: `${file} is not a regular file` };
    if (stat.uid !== STUDENT.uid) return { kind: 'refused', why: 'not-the-students', detail: `${file} is not a file your app made` };
    if (stat.size > maxBytes) return { kind: 'refused', why: 'too-large', detail: `${file} holds ${stat.size} bytes, more than the ${maxBytes} the tests read` };
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    for (let n = -1; read < bytes.length && n !== 0; read += n) n = readSync(fd, bytes, read, bytes.length - read, read);
    return { kind: 'bytes', bytes: bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/** How far findInStudentFiles looks: enough for an app's files, bounded against a tree made to waste the harness's time. */
const SEARCH = { depth: 6, entries: 2_000, bytes: 32 * 1024 * 1024 };

/**
 * The first of the student's regular files under `roots` (not following links, not the
 * `skip` paths) that holds one of `needles`; undefined when none does within SEARCH's bounds.
 */
export function findInStudentFiles(roots: readonly string[], needles: readonly string[], skip: readonly string[], maxFileBytes: number): string | undefined {
  const budget = { entries: SEARCH.entries, bytes: SEARCH.bytes };
  const visit = (dir: string, depth: number): string | undefined => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    for (const entry of entries) {
      if (--budget.entries < 0) return undefined;
      const file = path.join(dir, entry.name);
      if (skip.includes(file)) continue;
      if (entry.isDirectory() && depth < SEARCH.depth) {
        const found = visit(file, depth + 1);
        if (found) return found;
      } else if (entry.isFile()) {
        const read = readStudentFile(file, Math.min(maxFileBytes, budget.bytes));
        if (read.kind !== 'bytes') continue;
        budget.bytes -= read.bytes.length;
        const text = read.bytes.toString('latin1');
        if (needles.some((needle) => text.includes(needle))) return file;
      }
    }
    return undefined;
  };
  for (const root of roots) {
    const found = visit(root, 0);
    if (found) return found;
  }
  return undefined;
}
