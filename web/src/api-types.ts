/** The API's documents as the pages use them (see /openapi.json for the full shapes). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: 'student' | 'instructor' | 'admin';
}

export interface ExerciseSummary {
  slug: string;
  title: string;
  kind: string;
  skills: string[];
  maxScore: number;
  version: number;
}

export interface Exercise extends ExerciseSummary {
  statement: string;
  starterFiles: Record<string, string>;
  tests: { name: string; points: number; visibility: string }[];
  hiddenTests: { count: number; points: number };
}

export type SubmissionStatus = 'queued' | 'running' | 'graded' | 'error';

export interface TestOutcome {
  name: string;
  /** What the student sees of it; staff see every test whole. */
  visibility: 'visible' | 'name-only' | 'hidden';
  status: string;
  verdict: string;
  score: number;
  maxScore: number;
  message: string;
  expected?: string;
  actual?: string;
}

export interface Submission {
  id: string;
  exercise: string;
  exerciseVersion: number;
  /** What was submitted; lets the history diff submissions made from any browser. */
  files: Record<string, string>;
  status: SubmissionStatus;
  score: number | null;
  maxScore: number;
  verdict: string | null;
  message: string | null;
  tests: TestOutcome[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function isFinal(status: SubmissionStatus): boolean {
  return status === 'graded' || status === 'error';
}

/** GET /api/instructor/exercises: every exercise, archived ones included. */
export interface InstructorExercise {
  slug: string;
  status: 'published' | 'archived';
  currentVersion: number;
  versions: number;
  title: string;
  maxScore: number;
  updatedAt: string;
}

export interface ExerciseStatistics {
  exercise: string;
  attempts: number;
  gradedAttempts: number;
  distinctStudents: number;
  studentsGraded: number;
  studentsWithFullMarks: number;
  fullMarksShare: number | null;
  medianScore: number | null;
  mostFailedTests: { name: string; failed: number; ran: number; failureRate: number }[];
}

export function isStaff(user: User): boolean {
  return user.role === 'instructor' || user.role === 'admin';
}

/** GET /api/instructor/exercises/:slug/submissions: one row per submission, newest first. */
export interface InstructorSubmissionRow {
  id: string;
  userId: string;
  username: string | null;
  exerciseVersion: number;
  status: SubmissionStatus;
  score: number | null;
  maxScore: number;
  verdict: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** GET /api/instructor/drafts and /drafts/:id: an exercise being written, not yet (or no longer) what students see. */
export interface DraftSummary {
  id: string;
  slug: string;
  state: 'draft' | 'published' | 'discarded';
  title: string;
  kind: string;
  maxScore: number;
  bundleHash: string;
  paths: string[];
  createdAt: string;
  updatedAt: string;
  publishedVersion: number | null;
  publishedAt: string | null;
  latestValidation: { id: string; status: ValidationStatus; upToDate: boolean } | null;
}

export interface DraftDetail extends DraftSummary {
  files: Record<string, string>;
}

export type ValidationStatus = 'queued' | 'passed' | 'failed' | 'error';

export interface CandidateReport {
  candidate: string;
  role: 'reference' | 'alternative' | 'known-wrong' | 'starter';
  expectation: string;
  score: number;
  maxScore: number;
  verdict: string;
  message: string;
  ok: boolean;
  problem?: string;
  tests: { name: string; status: string; verdict: string; score: number; maxScore: number; message: string; expected?: string; actual?: string }[];
}

/** GET /api/instructor/validations/:id: the report of grading every solution the package ships. */
export interface ValidationReport {
  id: string;
  draftId: string;
  bundleHash: string;
  upToDate: boolean;
  status: ValidationStatus;
  problems: { candidate: string; problem: string }[];
  candidates: CandidateReport[] | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface PublishedExercise {
  slug: string;
  version: number;
  created: boolean;
}

export interface ExerciseVersionEntry {
  version: number;
  title: string;
  maxScore: number;
  createdAt: string;
}

export interface ExercisePackage {
  slug: string;
  version: number;
  files: Record<string, string>;
}

interface Grade {
  score: number | null;
  maxScore: number | null;
  verdict: string | null;
}

export interface RegradeRow {
  submissionId: string;
  username: string | null;
  userId: string | null;
  old: Grade & { version: number };
  new: Grade | null;
  delta: number | null;
  status: SubmissionStatus;
  error: string | null;
}

/** A regrade batch: a preview until an instructor applies or discards it. */
export interface RegradeBatch {
  id: string;
  exercise: string;
  targetVersion: number;
  state: 'open' | 'applied' | 'discarded';
  finished: boolean;
  progress: { total: number; queued: number; running: number; graded: number; error: number };
  summary: { changed: number; unchanged: number; raised: number; lowered: number };
  changes: RegradeRow[];
  errors: RegradeRow[];
  createdAt: string;
  closedAt: string | null;
}

export interface RegradeApplied {
  applied: number;
  changed: number;
  stale: number;
  notGraded: number;
  regrade: RegradeBatch;
}
