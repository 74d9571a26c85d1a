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
