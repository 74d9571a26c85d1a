import type { z } from 'zod';
import { environmentOf, givenFilesOf, languageOf, type ExerciseDetail, type ExerciseSummary } from '@grader/contracts';
import type { ExerciseVersion } from '../store/exercise-store';

export function exerciseSummary(e: ExerciseVersion): z.input<typeof ExerciseSummary> {
  return {
    slug: e.slug,
    title: e.manifest.title,
    kind: e.manifest.kind,
    language: languageOf(e.manifest),
    runtime: e.manifest.runtime,
    environment: environmentOf(e.manifest),
    skills: e.manifest.skills,
    maxScore: e.manifest.maxScore,
    version: e.version,
  };
}

/** The student's view of an exercise: never the solution, datasets or hidden tests' names. */
export function exerciseDetail(e: ExerciseVersion): z.input<typeof ExerciseDetail> {
  const m = e.manifest;
  return {
    ...exerciseSummary(e),
    statement: e.files[m.statement] ?? '',
    starterFiles: Object.fromEntries(m.files.map((f) => [f.path, e.files[f.starter] ?? ''])),
    givenFiles: Object.fromEntries(Object.entries(givenFilesOf(m)).map(([shown, file]) => [shown, e.files[file] ?? ''])),
    limits: m.limits,
    tests: m.tests.filter((t) => t.visibility !== 'hidden').map((t) => ({ name: t.name, points: t.points, visibility: t.visibility })),
    hiddenTests: {
      count: m.tests.filter((t) => t.visibility === 'hidden').length,
      points: m.tests.filter((t) => t.visibility === 'hidden').reduce((sum, t) => sum + t.points, 0),
    },
  };
}
