import path from 'node:path';
import yazl from 'yazl';
import { solutionFolderFiles, type ExerciseManifest } from '@grader/contracts';
import { loadExerciseFolder } from '../../api/src/exercises/exercise-package';
import { REPO_ROOT } from './pipeline';
import { packageTarGz, packTarGz, type TarEntry } from '../../api/src/exercises/package-archive-writer';

export { packageTarGz, packTarGz, type TarEntry };

/**
 * A small SQL exercise for authoring tests: count the rows of a table, two tests of one
 * point each. Every sandbox run of it takes well under a second. Overrides swap one file.
 */
export function countRowsExercise(slug: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'exercise.yaml': [
      '# yaml-language-server: $schema=../../docs/exercise.schema.json',
      `slug: ${slug}`,
      'title: Count the rows',
      'kind: sql-query',
      'files:',
      '  - path: query.sql',
      '    starter: starter/query.sql',
      'solution:',
      '  query.sql: solution/query.sql',
      'maxScore: 2',
      'knownWrong:',
      '  - dir: wrong/constant',
      '    maxScore: 1',
      '    why: always answers 3',
      'alternatives:',
      '  - dir: alternatives/sum',
      'tests:',
      '  - name: counts three rows',
      '    points: 1',
      '    dataset: datasets/three.sql',
      '  - name: counts the rows of another table',
      '    points: 1',
      '    visibility: hidden',
      '    dataset: datasets/other.sql',
      '',
    ].join('\n'),
    'statement.md': '# Count the rows\n\nWrite a query that answers how many rows the table `t` has.\n',
    'starter/query.sql': 'SELECT 0\n',
    'solution/query.sql': 'SELECT count(*) FROM t\n',
    'wrong/constant/query.sql': 'SELECT 3\n',
    'alternatives/sum/query.sql': 'SELECT coalesce(sum(1), 0) FROM t\n',
    'datasets/three.sql': 'CREATE TABLE t (n INTEGER);\nINSERT INTO t VALUES (1), (2), (3);\n',
    'datasets/other.sql': 'CREATE TABLE t (n INTEGER);\n',
    ...overrides,
  };
}

/** A .zip of the files (yazl: the writing counterpart of the yauzl the API reads with). */
export function packageZip(files: Record<string, string>, extra: (zip: yazl.ZipFile) => void = () => undefined): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  extra(zip);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/**
 * A catalogue exercise's answers as a student submits them (submitted path → content): the
 * reference solution and its first known-wrong answer, with the exercise's points.
 */
export function catalogueAnswers(slug: string): { solution: Record<string, string>; wrong: Record<string, string>; maxScore: number; manifest: ExerciseManifest } {
  const pkg = loadExerciseFolder(path.join(REPO_ROOT, 'exercises', slug));
  const read = (map: Record<string, string>) => Object.fromEntries(Object.entries(map).map(([to, from]) => [to, pkg.files[from]!]));
  const wrong = pkg.manifest.knownWrong?.[0];
  return { solution: read(pkg.manifest.solution), wrong: wrong ? read(solutionFolderFiles(pkg.manifest, wrong.dir)) : {}, maxScore: pkg.manifest.maxScore, manifest: pkg.manifest };
}
