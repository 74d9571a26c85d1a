import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExercisePackageError, loadExerciseFolder, parseExercisePackage } from './exercise-package';

const EXERCISES = path.resolve(__dirname, '../../../exercises');

describe('exercise packages', () => {
  it.each(fs.readdirSync(EXERCISES))('loads the catalogue exercise %s', (name) => {
    const pkg = loadExerciseFolder(path.join(EXERCISES, name));
    expect(pkg.manifest.slug).toBe(name);
    expect(pkg.bundleHash).toMatch(/^[a-f0-9]{64}$/);
  });

  it('gives the same content the same hash, and different content another', () => {
    const dir = path.join(EXERCISES, 'sql-revenue-by-customer');
    const a = loadExerciseFolder(dir);
    expect(loadExerciseFolder(dir).bundleHash).toBe(a.bundleHash);
    const changed = parseExercisePackage('x', { ...a.files, 'statement.md': 'changed' });
    expect(changed.bundleHash).not.toBe(a.bundleHash);
  });

  it('names every file the manifest refers to but the package lacks', () => {
    const { files } = loadExerciseFolder(path.join(EXERCISES, 'sql-revenue-by-customer'));
    const { ['datasets/ties.sql']: _gone, ...rest } = files;
    expect(() => parseExercisePackage('pkg', rest)).toThrow(/names datasets\/ties\.sql, which is not in the package/);
  });

  it('reports manifest errors with their path', () => {
    try {
      parseExercisePackage('pkg', { 'exercise.yaml': 'slug: x\ntitle: 1\n' });
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(ExercisePackageError);
      expect((err as ExercisePackageError).problems.join('\n')).toMatch(/exercise\.yaml: kind/);
    }
  });

  it('refuses a folder with a link instead of following it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-'));
    try {
      fs.writeFileSync(path.join(dir, 'exercise.yaml'), 'slug: x');
      fs.symlinkSync('/etc/passwd', path.join(dir, 'statement.md'));
      expect(() => loadExerciseFolder(dir)).toThrow(/statement\.md is a link/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not UTF-8 text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-'));
    try {
      fs.writeFileSync(path.join(dir, 'exercise.yaml'), 'slug: x');
      fs.writeFileSync(path.join(dir, 'blob.bin'), Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
      expect(() => loadExerciseFolder(dir)).toThrow(/blob\.bin is not UTF-8 text/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
