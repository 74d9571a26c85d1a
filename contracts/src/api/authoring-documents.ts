import { z } from 'zod';
import { CandidateReport } from '../exercise-validation';
import { Verdict } from '../verdicts';
import { SubmissionStatus } from './documents';

/** The answers of the exercise-authoring routes (instructors), for the OpenAPI document and the e2e tests that parse real answers. */

const Timestamp = z.iso.datetime();
const Score = z.number().nullable();

export const DraftSummary = z.strictObject({
  id: z.uuid(),
  slug: z.string(),
  state: z.enum(['draft', 'published', 'discarded']),
  title: z.string(),
  kind: z.string(),
  maxScore: z.number(),
  bundleHash: z.string().meta({ description: 'sha256 of the content: a validation counts for publishing only while it matches.' }),
  paths: z.array(z.string()),
  createdBy: z.uuid(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  publishedVersion: z.number().int().nullable(),
  publishedAt: Timestamp.nullable(),
  latestValidation: z.strictObject({ id: z.uuid(), status: z.string(), upToDate: z.boolean(), url: z.string() }).nullable(),
});

export const DraftDetail = DraftSummary.extend({
  manifest: z.record(z.string(), z.unknown()).meta({ description: 'The parsed manifest, defaults applied.' }),
  files: z.record(z.string(), z.string()),
});

export const ValidationView = z.strictObject({
  id: z.uuid(),
  draftId: z.uuid(),
  slug: z.string().nullable(),
  bundleHash: z.string(),
  upToDate: z.boolean().meta({ description: 'Whether the draft still has the content this validation checked.' }),
  status: z.enum(['queued', 'passed', 'failed', 'error']),
  problems: z.array(z.strictObject({ candidate: z.string(), problem: z.string() })),
  candidates: z.array(CandidateReport).nullable().meta({ description: 'Every candidate’s report once complete (reference, alternatives, known-wrong, starter).' }),
  error: z.string().nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});

export const Published = z.strictObject({ slug: z.string(), version: z.number().int(), created: z.boolean(), draftId: z.uuid() });

export const CatalogueEntry = z.strictObject({
  slug: z.string(),
  status: z.enum(['draft', 'published', 'archived']),
  currentVersion: z.number().int(),
  versions: z.number().int(),
  title: z.string(),
  maxScore: z.number(),
  updatedAt: Timestamp,
});

export const VersionEntry = z.strictObject({ version: z.number().int(), bundleHash: z.string(), title: z.string(), maxScore: z.number(), createdAt: Timestamp });

export const ExercisePackageFiles = z.strictObject({
  slug: z.string(),
  version: z.number().int(),
  bundleHash: z.string(),
  files: z.record(z.string(), z.string()).meta({ description: 'Package path → UTF-8 text.' }),
});

export const StatusChange = z.strictObject({ slug: z.string(), status: z.enum(['published', 'archived']) });

export const ExerciseSubmissionPage = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.uuid(),
      userId: z.uuid().nullable(),
      username: z.string().nullable(),
      exerciseVersion: z.number().int(),
      status: SubmissionStatus,
      score: Score,
      maxScore: Score,
      verdict: Verdict.nullable(),
      createdAt: Timestamp,
      finishedAt: Timestamp.nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const ExerciseStatistics = z.strictObject({
  exercise: z.string(),
  attempts: z.number().int(),
  gradedAttempts: z.number().int(),
  distinctStudents: z.number().int(),
  studentsGraded: z.number().int(),
  studentsWithFullMarks: z.number().int(),
  fullMarksShare: z.number().nullable().meta({ description: 'Of the students with a graded submission, the share whose best has full marks.' }),
  medianScore: z.number().nullable().meta({ description: 'Median of the students’ best scores.' }),
  mostFailedTests: z.array(z.strictObject({ name: z.string(), failed: z.number().int(), ran: z.number().int(), failureRate: z.number() })),
  students: z
    .array(z.strictObject({ userId: z.uuid(), username: z.string(), displayName: z.string(), attempts: z.number().int(), bestScore: z.number().nullable() }))
    .meta({ description: 'Everyone who submitted, by username: attempts of any status and the best graded score (null before a grade), to filter the submissions by.' }),
});

const Grade = z.strictObject({ version: z.number().int(), score: Score, maxScore: Score, verdict: Verdict.nullable() });
const RegradeRow = z.strictObject({
  submissionId: z.uuid(),
  userId: z.uuid().nullable(),
  username: z.string().nullable(),
  old: Grade,
  new: z.strictObject({ score: Score, maxScore: Score, verdict: Verdict.nullable() }).nullable(),
  delta: z.number().nullable().meta({ description: 'New score minus old.' }),
  status: SubmissionStatus,
  error: z.string().nullable(),
  outcome: z.enum(['applied', 'stale', 'not_graded']).nullable(),
});

export const RegradeView = z.strictObject({
  id: z.uuid(),
  exercise: z.string(),
  targetVersion: z.number().int(),
  state: z.enum(['open', 'applied', 'discarded']),
  finished: z.boolean(),
  progress: z.strictObject({ total: z.number().int(), queued: z.number().int(), running: z.number().int(), graded: z.number().int(), error: z.number().int() }),
  summary: z.strictObject({ changed: z.number().int(), unchanged: z.number().int(), raised: z.number().int(), lowered: z.number().int() }),
  changes: z.array(RegradeRow).meta({ description: 'The grades that would change (or did), with both grades.' }),
  errors: z.array(RegradeRow),
  createdBy: z.uuid(),
  createdAt: Timestamp,
  closedBy: z.uuid().nullable(),
  closedAt: Timestamp.nullable(),
});

export const RegradeApplied = z.strictObject({
  applied: z.number().int(),
  changed: z.number().int(),
  stale: z.number().int().meta({ description: 'Left alone: their grade moved after the batch was made.' }),
  notGraded: z.number().int(),
  regrade: RegradeView,
});

export const GradeHistory = z.strictObject({
  submissionId: z.uuid(),
  current: z.strictObject({
    exerciseVersion: z.number().int(),
    status: z.string(),
    score: Score,
    maxScore: Score,
    verdict: Verdict.nullable(),
    gradedAt: Timestamp.nullable(),
  }),
  history: z.array(
    z.strictObject({
      exerciseVersion: z.number().int(),
      score: Score,
      maxScore: Score,
      verdict: Verdict.nullable(),
      gradedAt: Timestamp.nullable(),
      replacedAt: Timestamp,
      replacedBy: z.uuid().meta({ description: 'The regrade batch that replaced it.' }),
    }),
  ),
});
