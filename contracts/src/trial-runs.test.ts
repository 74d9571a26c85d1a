import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ExerciseManifest } from './manifest';
import { visibleTestsManifest } from './trial-runs';

const EXERCISES = path.resolve(__dirname, '..', '..', 'exercises');
const manifestOf = (slug: string) => ExerciseManifest.parse(YAML.parse(fs.readFileSync(path.join(EXERCISES, slug, 'exercise.yaml'), 'utf8')));

describe('the manifest a trial run is graded against', () => {
  const full = manifestOf('sql-revenue-by-customer');

  it('keeps the visible tests only, in their order, out of their own points', () => {
    const trial = visibleTestsManifest(full)!;
    const visible = full.tests.filter((t) => t.visibility === 'visible');
    expect(trial.tests.map((t) => t.name)).toEqual(visible.map((t) => t.name));
    expect(trial.maxScore).toBe(visible.reduce((sum, t) => sum + t.points, 0));
    expect(trial.maxScore).toBeLessThan(full.maxScore);
  });

  it('leaves no name-only or hidden test, nor the known-wrong and alternative solutions', () => {
    const trial = visibleTestsManifest(full)!;
    expect(trial.tests.every((t) => t.visibility === 'visible')).toBe(true);
    expect(trial).not.toHaveProperty('knownWrong');
    expect(trial).not.toHaveProperty('alternatives');
  });

  it('is a manifest the sandbox accepts, for every exercise of the catalogue that has visible tests', () => {
    for (const slug of fs.readdirSync(EXERCISES)) {
      const trial = visibleTestsManifest(manifestOf(slug));
      if (trial) expect([slug, ExerciseManifest.safeParse(trial).success]).toEqual([slug, true]);
    }
  });

  it('is undefined when no test is visible, or the visible ones are worth nothing', () => {
    const hiddenAll = { ...full, tests: full.tests.map((t) => ({ ...t, visibility: 'hidden' as const })) } as ExerciseManifest;
    expect(visibleTestsManifest(hiddenAll)).toBeUndefined();
    const pointless = { ...full, tests: full.tests.map((t) => (t.visibility === 'visible' ? { ...t, points: 0 } : t)) } as ExerciseManifest;
    expect(visibleTestsManifest(pointless)).toBeUndefined();
  });
});
