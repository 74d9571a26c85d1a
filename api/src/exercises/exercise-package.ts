import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ExerciseManifest, LIMITS, pathProblem, referencedPackageFiles } from '@grader/contracts';
import { bundleHash } from '@grader/runtime';
import { locateInManifest, manifestSyntaxProblem, type PackageProblem } from './manifest-locations';

/** An exercise as a set of text files plus its parsed manifest. */
export interface ExercisePackage {
  manifest: ExerciseManifest;
  /** Every file of the package, manifest included: package path → UTF-8 text. */
  files: Record<string, string>;
  /** sha256 of the manifest and the files: the content address workers cache by. */
  bundleHash: string;
}

export class ExercisePackageError extends Error {
  /** Each problem, located in its file when that is known. */
  readonly located: PackageProblem[];
  constructor(
    readonly source: string,
    problems: ReadonlyArray<string | PackageProblem>,
  ) {
    const located = problems.map((p) => (typeof p === 'string' ? { message: p } : p));
    super(`${source}: ${located.map((p) => p.message).join('; ')}`);
    this.name = 'ExercisePackageError';
    this.located = located;
  }

  /** The problems' messages, one each. */
  get problems(): string[] {
    return this.located.map((p) => p.message);
  }
}

export const MANIFEST_FILES = ['exercise.yaml', 'exercise.yml', 'exercise.json'] as const;
/** The same limits as an uploaded archive's (limits.ts), so a folder that loads can also be pushed. */
const PACKAGE_LIMITS = { files: LIMITS.exercisePackage.entries, bytes: LIMITS.exercisePackage.unpackedBytes };

/** Reads an exercise folder. Links and non-UTF-8 files are refused rather than followed or mangled. */
export function readExerciseFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  let total = 0;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) throw new ExercisePackageError(dir, [`${relPath} is a link; packages hold regular files only`]);
      if (entry.isDirectory()) {
        walk(relPath);
        continue;
      }
      if (!entry.isFile()) throw new ExercisePackageError(dir, [`${relPath} is not a regular file`]);
      const bytes = fs.readFileSync(path.join(dir, relPath));
      total += bytes.length;
      if (Object.keys(files).length >= PACKAGE_LIMITS.files || total > PACKAGE_LIMITS.bytes) {
        throw new ExercisePackageError(dir, [`larger than ${PACKAGE_LIMITS.files} files or ${PACKAGE_LIMITS.bytes} bytes`]);
      }
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
      try {
        files[relPath] = text.decode(bytes);
      } catch {
        throw new ExercisePackageError(dir, [`${relPath} is not UTF-8 text`]);
      }
    }
  };
  walk('');
  return files;
}

/** Validates a package's files: the manifest's schema, and that every file it names exists. */
export function parseExercisePackage(source: string, files: Record<string, string>): ExercisePackage {
  const problems: string[] = [];
  for (const p of Object.keys(files)) {
    const problem = pathProblem(p);
    if (problem) problems.push(`file name ${JSON.stringify(p)} ${problem}`);
  }
  const manifestFile = MANIFEST_FILES.find((name) => name in files);
  if (!manifestFile) throw new ExercisePackageError(source, [`no ${MANIFEST_FILES.join(' or ')}`, ...problems]);

  let raw: unknown;
  try {
    raw = manifestFile.endsWith('.json') ? JSON.parse(files[manifestFile]!) : YAML.parse(files[manifestFile]!);
  } catch (err) {
    throw new ExercisePackageError(source, [manifestSyntaxProblem(manifestFile, files[manifestFile]!, err)]);
  }
  const parsed = ExerciseManifest.safeParse(raw);
  if (!parsed.success) {
    throw new ExercisePackageError(source, [
      ...parsed.error.issues.map((i): PackageProblem => ({
        message: `${manifestFile}: ${i.path.join('.') || '(root)'}: ${i.message}`,
        file: manifestFile,
        ...locateInManifest(files[manifestFile]!, i.path),
      })),
      ...problems,
    ]);
  }
  const manifest = parsed.data;
  for (const ref of referencedPackageFiles(manifest)) {
    if (!(ref in files)) problems.push(`${manifestFile} names ${ref}, which is not in the package`);
  }
  if (problems.length > 0) throw new ExercisePackageError(source, problems);
  return { manifest, files, bundleHash: bundleHash(manifest, files) };
}

export function loadExerciseFolder(dir: string): ExercisePackage {
  return parseExercisePackage(dir, readExerciseFolder(dir));
}
