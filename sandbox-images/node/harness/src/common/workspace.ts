import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathProblem, type SubmittedFiles } from '../contracts';
import { CONTAINER_LAYOUT } from '../container-layout';

/**
 * The harness's file system moves. Hidden material (datasets, reference databases) lives
 * only under /grader (root, 0700). The student's files go to /submission, root-owned and
 * read-only for the student. Anything a student process must read for one test goes to a
 * fresh directory that is removed when the test ends.
 */

/** Writes the student's files under /submission: directories 0755, files 0644, all root's. */
export function writeSubmission(files: SubmittedFiles): Map<string, string> {
  const written = new Map<string, string>();
  for (const [submittedPath, text] of Object.entries(files)) {
    // Checked at the API and by the input schema already; a path is never trusted twice as little.
    const problem = pathProblem(submittedPath);
    if (problem) throw new Error(`submitted file name ${JSON.stringify(submittedPath)} ${problem}`);
    const target = path.join(CONTAINER_LAYOUT.submissionDir, submittedPath);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    // 'wx': never follow or overwrite anything already there.
    writeFileSync(target, text, { mode: 0o644, flag: 'wx' });
    written.set(submittedPath, target);
  }
  return written;
}

/**
 * Writes the whole exercise package (trusted: tests modules, reference solutions) under a
 * private directory of the harness, each file at its package path, so that a module may
 * require its neighbours. A path that could leave the directory is the exercise's defect:
 * `defect(message)` is thrown.
 */
export function writePackageFiles(files: Record<string, string>, dir: string, defect: (message: string) => Error): void {
  for (const [file, text] of Object.entries(files)) {
    const problem = pathProblem(file);
    if (problem) throw defect(`the exercise file name ${JSON.stringify(file)} ${problem}`);
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, text, { mode: 0o600 });
  }
}

/** A fresh private directory under /grader for one test's hidden material. */
export function graderWorkDir(name: string): string {
  const dir = path.join(CONTAINER_LAYOUT.graderDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * A fresh root-owned directory the student can read but not change. mkdtemp's random,
 * exclusive name means nothing the student planted in /tmp can be in the way; /tmp's
 * sticky bit means the student cannot rename or remove it.
 */
export function studentReadableDir(prefix: string): { dir: string; open(): void; remove(): void } {
  const dir = mkdtempSync(path.join(CONTAINER_LAYOUT.tmpDir, prefix));
  return {
    dir,
    /** Call once its content is in place. */
    open: () => chmodSync(dir, 0o755),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
