import { z } from 'zod';
import { Slug } from '../manifest';

const Timestamp = z.iso.datetime().meta({ description: 'ISO 8601, UTC', example: '2026-11-21T09:40:24.700Z' });

/**
 * Assignments: a course's exercises with an opening date, a due date and what happens after it.
 * Browser-safe, like every contract: the web app parses the same documents.
 */

/** Days a late period may last at most: a term. */
export const LATE_DAYS_MAX = 120;
/** Exercises one assignment may hold. */
export const ASSIGNMENT_EXERCISES_MAX = 50;

/**
 * What a submission after the due date gets. `closed`: none is taken. `accepted`: taken for
 * `days` days after the due date, each started day late taking `penaltyPercentPerDay` percent
 * of the score (0: marked late, not penalised), never below zero.
 */
export const LatePolicy = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('closed') }),
    z.strictObject({
      kind: z.literal('accepted'),
      days: z.number().int().min(1).max(LATE_DAYS_MAX),
      penaltyPercentPerDay: z.number().min(0).max(100),
    }),
  ])
  .meta({
    id: 'LatePolicy',
    description: '`closed`: nothing after the due date. `accepted`: taken for `days` more days, each started day late costing `penaltyPercentPerDay` percent of the score (0: marked late only).',
  });
export type LatePolicy = z.infer<typeof LatePolicy>;

/**
 * A moment an instructor sets (opening, due date, extension): ISO 8601 with an offset, inside
 * years 1970 to 9999 once in UTC, so that what is stored reads back as a Timestamp and sorts as text.
 */
const Moment = z.iso
  .datetime({ offset: true })
  .refine((value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 1970 && year <= 9999;
  }, 'a moment between the years 1970 and 9999 (UTC)');

/** Which of a student's graded submissions to an exercise counts in the gradebook. */
export const CountedSubmission = z.enum(['best', 'last']).meta({ description: '`best`: the highest score after late penalties; `last`: the latest graded submission.' });

export const CreateAssignmentBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  exercises: z.array(Slug).min(1).max(ASSIGNMENT_EXERCISES_MAX).meta({ description: 'Published exercises’ slugs, in the order students see them.' }),
  opensAt: Moment.meta({ description: 'Submissions are refused before this moment (assignment_not_open).' }),
  dueAt: Moment,
  late: LatePolicy.default({ kind: 'closed' }),
  maxSubmissions: z.number().int().min(1).max(1000).nullable().default(null).meta({ description: 'Submissions each student may make per exercise; null: no limit beyond fair use.' }),
  counts: CountedSubmission.default('best'),
  revealTestsAfterDue: z.boolean().default(false).meta({
    description:
      'Show each student every test of their submissions whole (name, message, expected and actual), as a visible test is shown, once the assignment has closed for them (their due date, or the end of the late period when late work is taken) and no other assignment of theirs holding the exercise is still open.',
  }),
});

export const Assignment = z
  .strictObject({
    id: z.uuid(),
    courseId: z.uuid(),
    title: z.string(),
    exercises: z.array(Slug),
    opensAt: Timestamp,
    dueAt: Timestamp,
    late: LatePolicy,
    maxSubmissions: z.number().int().nullable(),
    counts: CountedSubmission,
    revealTestsAfterDue: z.boolean(),
    createdAt: Timestamp,
    /** The reader's own view of the dates, with an extension applied (absent for staff). */
    mine: z
      .strictObject({
        dueAt: Timestamp.meta({ description: 'The due date for you: an extension’s, or the assignment’s.' }),
        closesAt: Timestamp.nullable().meta({ description: 'When submissions stop being taken for you (the end of the late period); null when late work is closed (then it is dueAt).' }),
        state: z.enum(['upcoming', 'open', 'late', 'closed']).meta({ description: 'Where you stand now: not open yet, before your due date, in the late period, closed.' }),
        extended: z.boolean(),
        submissions: z.record(Slug, z.number().int()).meta({ description: 'Your submissions so far per exercise (against maxSubmissions).' }),
      })
      .optional(),
  })
  .meta({ id: 'Assignment' });

export const ExtensionBody = z.strictObject({
  dueAt: Moment.meta({ description: 'The student’s own due date (earlier or later than the assignment’s); the late policy runs from it.' }),
});

export const Extension = z.strictObject({ assignmentId: z.uuid(), userId: z.uuid(), dueAt: Timestamp, grantedAt: Timestamp }).meta({ id: 'Extension' });

/** What a submission to an assignment carries: how late it was and what that cost. */
export const SubmissionLateness = z
  .strictObject({
    id: z.uuid(),
    daysLate: z.number().int().min(0).meta({ description: 'Started days after the submitter’s due date; 0: on time.' }),
    penaltyPercent: z.number().min(0).max(100),
    adjustedScore: z.number().nullable().meta({ description: 'The score less the penalty; null until graded.' }),
    testsRevealed: z.boolean().meta({ description: 'Whether every test is shown whole: the assignment reveals its tests and has closed for the reader (always true for staff).' }),
  })
  .meta({ id: 'SubmissionAssignment', description: 'The assignment it was submitted to, with its lateness and penalty.' });

export const GradebookCell = z.strictObject({
  exercise: Slug,
  submissionId: z.uuid().nullable(),
  score: z.number().nullable().meta({ description: 'The counted submission’s score before the penalty; null: none graded.' }),
  adjustedScore: z.number().nullable(),
  daysLate: z.number().int().nullable(),
  submissions: z.number().int(),
});

/** A course as its member sees it in their list. */
export const MyCourse = z.strictObject({ id: z.uuid(), name: z.string() }).meta({ id: 'MyCourse' });

/** What the gradebook's charts draw: the most failed tests of the counted submissions, and when submissions came. */
export const GradebookStatistics = z.strictObject({
  failedTests: z
    .array(z.strictObject({ exercise: Slug, name: z.string(), failed: z.number().int(), ran: z.number().int() }))
    .meta({ description: 'Per test of the counted submissions: how many failed it, most failed first.' }),
  submittedAt: z.array(Timestamp).meta({ description: 'When each submission to the assignment was made, oldest first (grader failures left out).' }),
});

export const AssignmentGradebook = z
  .strictObject({
    assignment: Assignment,
    exercises: z.array(z.strictObject({ slug: Slug, title: z.string(), maxScore: z.number() })),
    rows: z.array(
      z.strictObject({
        userId: z.uuid(),
        username: z.string(),
        displayName: z.string(),
        extendedTo: Timestamp.nullable(),
        cells: z.array(GradebookCell),
        total: z.number().meta({ description: 'The sum of the adjusted scores of the counted submissions.' }),
      }),
    ),
    statistics: GradebookStatistics,
  })
  .meta({ id: 'AssignmentGradebook' });
