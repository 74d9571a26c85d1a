import type { TrialRunDocument, CodeDraftDocument, LtiPlatformDocument, LtiPlatformsDocument, RegisterPlatformRequest, AssignmentDocument, AssignmentGradebookDocument, CourseDocument, MyCourseDocument, BackupDocument, OperationsOverviewDocument, DraftDetailDocument as DraftDetail, DraftSummaryDocument as DraftSummary, Exercise, ExercisePackage, ExerciseStatisticsDocument as ExerciseStatistics, ExerciseSummaryDocument as ExerciseSummary, ExerciseVersionEntry, InstructorExercise, InstructorSubmissionRow, PublishedExercise, RegradeAppliedDocument as RegradeApplied, RegradeBatch, Submission, User, ValidationReport } from '@grader/contracts';

/** An API answer other than 2xx, with the problem document's title and detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    /** A problem document's field errors: what to fix, where. */
    readonly errors: { path: string; message: string; line?: number; column?: number }[] = [],
  ) {
    super(message);
  }
}

/** The request never got an answer: offline, server restarting. Callers retry these. */
export class NetworkError extends Error {}

/** Kept in memory only: a script injected into another tab cannot read it from storage. */
let csrfToken: string | null = null;

/** Called when an answer says the session is gone, so the app can show the sign-in page. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

/** A body sent as it is (an archive upload), with its media type. */
interface RawBody {
  raw: Blob;
  type: string;
}

function isRaw(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && (body as RawBody).raw instanceof Blob;
}

/** `keepalive`: the request outlives the page (a save as the student leaves it). */
async function call<T>(method: string, path: string, body?: unknown, options: { keepalive?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = isRaw(body) ? body.type : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const payload = body === undefined ? undefined : isRaw(body) ? body.raw : JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', keepalive: options.keepalive ?? false });
  } catch {
    throw new NetworkError('The server cannot be reached. Check your connection.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/session') onSignedOut();
    const message = parsed?.detail ?? parsed?.title ?? `The server answered ${response.status}.`;
    throw new ApiError(response.status, message, parsed?.code, Array.isArray(parsed?.errors) ? parsed.errors : []);
  }
  return parsed as T;
}

export function isNetworkProblem(err: unknown): boolean {
  return err instanceof NetworkError || (err instanceof ApiError && (err.status === 502 || err.status === 503 || err.status === 504));
}

export const api = {
  async signIn(username: string, password: string): Promise<User> {
    const answer = await call<{ user: User; csrfToken: string }>('POST', '/api/session', { username, password });
    csrfToken = answer.csrfToken;
    return answer.user;
  },
  /** The current session, if the cookie still holds one (after a reload). */
  async resume(): Promise<User | null> {
    try {
      const answer = await call<{ user: User; csrfToken: string | null }>('GET', '/api/session');
      csrfToken = answer.csrfToken;
      return answer.user;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  async signOut(): Promise<void> {
    await call('DELETE', '/api/session');
    csrfToken = null;
  },
  exercises: () => call<{ items: ExerciseSummary[] }>('GET', '/api/exercises').then((a) => a.items),
  exercise: (slug: string) => call<Exercise>('GET', `/api/exercises/${encodeURIComponent(slug)}`),
  /** My code in progress on an exercise as last saved from any device; null when none is saved. */
  codeDraft: (slug: string) =>
    call<CodeDraftDocument>('GET', `/api/exercises/${encodeURIComponent(slug)}/draft`).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }),
  saveCodeDraft: (slug: string, files: Record<string, string>, keepalive = false) =>
    call<CodeDraftDocument>('PUT', `/api/exercises/${encodeURIComponent(slug)}/draft`, { files }, { keepalive }),
  discardCodeDraft: (slug: string) => call<void>('DELETE', `/api/exercises/${encodeURIComponent(slug)}/draft`),
  submissionsFor: (slug: string) => call<{ items: Submission[] }>('GET', `/api/submissions?exercise=${encodeURIComponent(slug)}&limit=100`).then((a) => a.items),
  submission: (id: string) => call<Submission>('GET', `/api/submissions/${encodeURIComponent(id)}`),
  /** The files tried on the exercise's visible tests; not a submission. */
  startTrialRun: (slug: string, files: Record<string, string>) => call<{ id: string; status: string }>('POST', `/api/exercises/${encodeURIComponent(slug)}/trial-runs`, { files }),
  trialRun: (id: string) => call<TrialRunDocument>('GET', `/api/trial-runs/${encodeURIComponent(id)}`),
  instructorExercises: () => call<{ items: InstructorExercise[] }>('GET', '/api/instructor/exercises').then((a) => a.items),
  statistics: (slug: string) => call<ExerciseStatistics>('GET', `/api/instructor/exercises/${encodeURIComponent(slug)}/statistics`),
  /** Staff: an exercise's latest 100 submissions; an empty filter is no filter. */
  exerciseSubmissions: (slug: string, filters: { status: string; user: string; verdict: string }) => {
    const query = new URLSearchParams({ limit: '100' });
    for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
    return call<{ items: InstructorSubmissionRow[] }>('GET', `/api/instructor/exercises/${encodeURIComponent(slug)}/submissions?${query}`).then((a) => a.items);
  },
  /** Staff: grade again a submission that ended in a grader error. */
  requeue: (id: string) => call<{ id: string; status: string }>('POST', `/api/submissions/${encodeURIComponent(id)}/requeue`),
  /** Staff: grade again every submission of an exercise that ended in a grader error. */
  requeueErrored: (slug: string) => call<{ requeued: number; ids: string[] }>('POST', '/api/submissions/requeue', { exercise: slug }),
  setArchived: (slug: string, archived: boolean) =>
    call<{ slug: string; status: 'archived' | 'published' }>('POST', `/api/instructor/exercises/${encodeURIComponent(slug)}/${archived ? 'archive' : 'restore'}`),
  drafts: () => call<{ items: DraftSummary[] }>('GET', '/api/instructor/drafts').then((a) => a.items),
  /** Admins: workers seen, queues, backups. */
  operations: () => call<OperationsOverviewDocument>('GET', '/api/admin/operations'),
  ltiPlatforms: () => call<LtiPlatformsDocument>('GET', '/api/admin/lti/platforms'),
  registerLtiPlatform: (body: RegisterPlatformRequest) => call<LtiPlatformDocument>('POST', '/api/admin/lti/platforms', body),
  takeBackup: () => call<BackupDocument>('POST', '/api/admin/backups', {}),
  draft: (id: string) => call<DraftDetail>('GET', `/api/instructor/drafts/${encodeURIComponent(id)}`),
  createDraft: (files: Record<string, string>) => call<DraftSummary>('POST', '/api/instructor/drafts', { files }),
  /** An exercise package as a .zip or .tar.gz file, sent as it is. */
  uploadDraft: (archive: File) => call<DraftSummary>('POST', '/api/instructor/drafts', { raw: archive, type: archiveType(archive.name) }),
  saveDraft: (id: string, files: Record<string, string>) => call<DraftSummary>('PUT', `/api/instructor/drafts/${encodeURIComponent(id)}`, { files }),
  discardDraft: (id: string) => call<void>('DELETE', `/api/instructor/drafts/${encodeURIComponent(id)}`),
  validateDraft: (id: string) => call<ValidationReport>('POST', `/api/instructor/drafts/${encodeURIComponent(id)}/validations`),
  validation: (id: string) => call<ValidationReport>('GET', `/api/instructor/validations/${encodeURIComponent(id)}`),
  publishDraft: (id: string) => call<PublishedExercise>('POST', `/api/instructor/drafts/${encodeURIComponent(id)}/publish`),
  exercisePackage: (slug: string) => call<ExercisePackage>('GET', `/api/instructor/exercises/${encodeURIComponent(slug)}/package`),
  versions: (slug: string) => call<{ items: ExerciseVersionEntry[] }>('GET', `/api/instructor/exercises/${encodeURIComponent(slug)}/versions`).then((a) => a.items),
  regrades: (slug: string) => call<{ items: RegradeBatch[] }>('GET', `/api/instructor/exercises/${encodeURIComponent(slug)}/regrades`).then((a) => a.items),
  startRegrade: (slug: string, all: boolean) => call<RegradeBatch>('POST', `/api/instructor/exercises/${encodeURIComponent(slug)}/regrades`, { all }),
  regrade: (id: string) => call<RegradeBatch>('GET', `/api/instructor/regrades/${encodeURIComponent(id)}`),
  applyRegrade: (id: string) => call<RegradeApplied>('POST', `/api/instructor/regrades/${encodeURIComponent(id)}/apply`),
  discardRegrade: (id: string) => call<RegradeBatch>('POST', `/api/instructor/regrades/${encodeURIComponent(id)}/discard`),
  /** `assignment`: the assignment it counts for (its dates and limit apply). */
  submit: (exercise: string, files: Record<string, string>, assignment?: string) =>
    call<{ id: string; status: string }>('POST', '/api/submissions', { exercise, files, ...(assignment ? { assignment } : {}) }),
  myCourses: () => call<{ items: MyCourseDocument[] }>('GET', '/api/me/courses').then((a) => a.items),
  assignments: (courseId: string) => call<{ items: AssignmentDocument[] }>('GET', `/api/courses/${encodeURIComponent(courseId)}/assignments`).then((a) => a.items),
  assignment: (id: string) => call<AssignmentDocument>('GET', `/api/assignments/${encodeURIComponent(id)}`),
  /** Staff: courses, assignments, extensions, gradebooks. */
  courses: () => call<{ items: CourseDocument[] }>('GET', '/api/courses').then((a) => a.items),
  createCourse: (name: string) => call<CourseDocument>('POST', '/api/courses', { name }),
  createAssignment: (courseId: string, body: Record<string, unknown>) => call<AssignmentDocument>('POST', `/api/courses/${encodeURIComponent(courseId)}/assignments`, body),
  grantExtension: (assignmentId: string, userId: string, dueAt: string) =>
    call<unknown>('PUT', `/api/assignments/${encodeURIComponent(assignmentId)}/extensions/${encodeURIComponent(userId)}`, { dueAt }),
  gradebook: (assignmentId: string) => call<AssignmentGradebookDocument>('GET', `/api/assignments/${encodeURIComponent(assignmentId)}/gradebook`),
};

/** The media type the API expects for an archive, by its file name. */
export function archiveType(name: string): string {
  return /\.zip$/i.test(name) ? 'application/zip' : 'application/gzip';
}
