import type { z } from 'zod';
import { LIMITS, type ExerciseStatistics } from '@grader/contracts';
import type { ExerciseStatisticsData } from './report-store';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * An exercise's statistics as instructors read them. Per-student figures use each student's
 * best graded submission, so a student who tried ten times counts once.
 */
export function exerciseStatistics(slug: string, data: ExerciseStatisticsData): z.input<typeof ExerciseStatistics> {
  const graded = data.best.length;
  const full = data.best.filter((b) => b.full).length;
  return {
    exercise: slug,
    attempts: data.attempts,
    gradedAttempts: data.graded,
    distinctStudents: data.distinctStudents,
    studentsGraded: graded,
    studentsWithFullMarks: full,
    /** Of the students with a graded submission, the share whose best has full marks (0..1). */
    fullMarksShare: graded === 0 ? null : full / graded,
    /** The median of the students' best scores. */
    medianScore: median(data.best.map((b) => b.score)),
    mostFailedTests: data.tests
      .filter((t) => t.failed > 0)
      .sort((a, b) => b.failed - a.failed || a.name.localeCompare(b.name))
      .slice(0, LIMITS.text.mostFailedTests)
      .map((t) => ({ name: t.name, failed: t.failed, ran: t.ran, failureRate: t.failed / t.ran })),
    students: data.students,
  };
}
