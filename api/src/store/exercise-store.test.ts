import path from 'node:path';
import { openDatabase } from './database';
import { ExerciseStore } from './exercise-store';
import { loadExerciseFolder, parseExercisePackage } from '../exercises/exercise-package';

describe('the exercise store', () => {
  const pkg = loadExerciseFolder(path.resolve(__dirname, '../../../exercises/sql-revenue-by-customer'));

  it('keeps one version while the content stays the same, and adds one when it changes', () => {
    const db = openDatabase(':memory:');
    const store = new ExerciseStore(db);
    expect(store.publish(pkg)).toEqual({ version: 1, created: true });
    expect(store.publish(pkg)).toEqual({ version: 1, created: false });
    const changed = parseExercisePackage('x', { ...pkg.files, 'statement.md': '# New wording' });
    expect(store.publish(changed)).toEqual({ version: 2, created: true });
    expect(store.findPublished(pkg.manifest.slug)?.version).toBe(2);
    // The old version stays reachable: submissions graded against it point at it.
    expect(store.findVersion(pkg.manifest.slug, 1)?.bundleHash).toBe(pkg.bundleHash);
    expect(store.findByBundleHash(changed.bundleHash)?.version).toBe(2);
    db.close();
  });
});
