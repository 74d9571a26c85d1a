import type { z } from 'zod';
import type { Assignment, AssignmentGradebook } from '@grader/contracts';
import { csvLine } from '../authoring/gradebook-csv';
import type { AssignmentSubmissionRow, StoredAssignment, StoredExtension } from './assignment-store';
import { adjustedScore, standingAt } from './deadlines';

type AssignmentDocument = z.input<typeof Assignment>;
type GradebookDocument = z.input<typeof AssignmentGradebook>;

/** The assignment as a reader sees it: staff plainly; a member with their own dates, state and counts. */
export function assignmentView(a: StoredAssignment, member?: { extension?: StoredExtension; counts: Record<string, number>; now: Date }): AssignmentDocument {
  const view: AssignmentDocument = {
    id: a.id,
    courseId: a.courseId,
    title: a.title,
    exercises: a.exercises,
    opensAt: a.opensAt,
    dueAt: a.dueAt,
    late: a.late,
    maxSubmissions: a.maxSubmissions,
    counts: a.counts,
    revealTestsAfterDue: a.revealTestsAfterDue,
    createdAt: a.createdAt,
  };
  if (!member) return view;
  const standing = standingAt(a, member.now, member.extension?.dueAt);
  return { ...view, mine: { dueAt: standing.dueAt, closesAt: standing.closesAt, state: standing.state, extended: member.extension !== undefined, submissions: member.counts } };
}

/**
 * The submission that counts of one student's submissions to one exercise of an assignment,
 * oldest first: `best`, the graded one with the highest score after its late penalty (the
 * earliest of equals); `last`, the latest graded one. Undefined when none is graded.
 */
export function countedSubmission<S extends Pick<AssignmentSubmissionRow, 'status' | 'score' | 'penaltyPercent'>>(counts: 'best' | 'last', submissions: readonly S[]): S | undefined {
  const graded = submissions.filter((s) => s.status === 'graded' && s.score !== null);
  const adjusted = (s: S) => adjustedScore(s.score!, s.penaltyPercent);
  return counts === 'last' ? graded.at(-1) : graded.reduce<S | undefined>((best, s) => (!best || adjusted(s) > adjusted(best) ? s : best), undefined);
}

/**
 * One row per student member, one cell per exercise: the counted submission (`best`: the
 * highest adjusted score, the earliest of equals; `last`: the latest graded one) with its
 * score, penalty and lateness, and the total of the adjusted scores.
 */
export function gradebookView(
  a: StoredAssignment,
  input: {
    students: Array<{ id: string; username: string; displayName: string }>;
    extensions: StoredExtension[];
    submissions: AssignmentSubmissionRow[];
    /** The current version's title and points of each exercise, by slug. */
    exercises: ReadonlyMap<string, { title: string; maxScore: number }>;
  },
): GradebookDocument {
  const extendedTo = new Map(input.extensions.map((e) => [e.userId, e.dueAt]));
  const counted: AssignmentSubmissionRow[] = [];
  const studentIds = new Set(input.students.map((s) => s.id));
  const rows = input.students.map((student) => {
    const cells = a.exercises.map((exercise) => {
      // As the limit counts them: a submission the grader failed on (status error) is not the student's.
      const mine = input.submissions.filter((s) => s.userId === student.id && s.exercise === exercise && s.status !== 'error');
      const chosen = countedSubmission(a.counts, mine);
      if (chosen) counted.push(chosen);
      return {
        exercise,
        submissionId: chosen?.id ?? null,
        score: chosen?.score ?? null,
        adjustedScore: chosen ? adjustedScore(chosen.score!, chosen.penaltyPercent) : null,
        daysLate: chosen?.daysLate ?? null,
        submissions: mine.length,
      };
    });
    const total = Math.round(cells.reduce((sum, c) => sum + (c.adjustedScore ?? 0) * 100, 0)) / 100;
    return { userId: student.id, username: student.username, displayName: student.displayName, extendedTo: extendedTo.get(student.id) ?? null, cells, total };
  });
  return {
    assignment: assignmentView(a),
    exercises: a.exercises.map((slug) => ({ slug, title: input.exercises.get(slug)?.title ?? slug, maxScore: input.exercises.get(slug)?.maxScore ?? 0 })),
    rows,
    statistics: {
      failedTests: failedTests(counted),
      // The class's: staff trying their own assignment are not in it.
      submittedAt: input.submissions.filter((s) => s.status !== 'error' && studentIds.has(s.userId)).map((s) => s.createdAt),
    },
  };
}

/** Per exercise and test, how many of the counted submissions failed it: most failed first, then by exercise and name. */
function failedTests(counted: AssignmentSubmissionRow[]): Array<{ exercise: string; name: string; failed: number; ran: number }> {
  const tally = new Map<string, { exercise: string; name: string; failed: number; ran: number }>();
  for (const submission of counted) {
    const tests = submission.result ? ((JSON.parse(submission.result) as { tests?: Array<{ name: string; status: string }> }).tests ?? []) : [];
    for (const test of tests) {
      const key = `${submission.exercise}\0${test.name}`;
      const entry = tally.get(key) ?? { exercise: submission.exercise, name: test.name, failed: 0, ran: 0 };
      entry.ran += 1;
      if (test.status !== 'passed') entry.failed += 1;
      tally.set(key, entry);
    }
  }
  return [...tally.values()].sort((x, y) => y.failed - x.failed || x.exercise.localeCompare(y.exercise) || x.name.localeCompare(y.name));
}

/**
 * The gradebook as RFC 4180 CSV: per exercise its adjusted score and days late (headed by its
 * title, slug and points, as the course gradebook is), then the total (csvLine guards formulas).
 * An empty score is "never submitted", not 0.
 */
export function gradebookCsv(book: GradebookDocument): string {
  const possible = book.exercises.reduce((sum, e) => sum + e.maxScore, 0);
  const header = [
    'username',
    'display_name',
    'extended_to',
    ...book.exercises.flatMap((e) => [`${e.title} [${e.slug}] (/${e.maxScore})`, `${e.title} [${e.slug}] days late`]),
    `total (/${possible})`,
  ];
  const rows = book.rows.map((r) => csvLine([r.username, r.displayName, r.extendedTo, ...r.cells.flatMap((c) => [c.adjustedScore, c.daysLate]), r.total]));
  return csvLine(header) + rows.join('');
}
