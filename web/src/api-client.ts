import type { Exercise, ExerciseStatistics, ExerciseSummary, InstructorExercise, InstructorSubmissionRow, Submission, User } from './api-types';

/** An API answer other than 2xx, with the problem document's title and detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
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

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
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
    throw new ApiError(response.status, message, parsed?.code);
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
  submissionsFor: (slug: string) => call<{ items: Submission[] }>('GET', `/api/submissions?exercise=${encodeURIComponent(slug)}&limit=100`).then((a) => a.items),
  submission: (id: string) => call<Submission>('GET', `/api/submissions/${encodeURIComponent(id)}`),
  instructorExercises: () => call<{ items: InstructorExercise[] }>('GET', '/api/instructor/exercises').then((a) => a.items),
  statistics: (slug: string) => call<ExerciseStatistics>('GET', `/api/instructor/exercises/${encodeURIComponent(slug)}/statistics`),
  exerciseSubmissions: (slug: string, status: string) =>
    call<{ items: InstructorSubmissionRow[] }>('GET', `/api/instructor/exercises/${encodeURIComponent(slug)}/submissions?limit=100${status ? `&status=${encodeURIComponent(status)}` : ''}`).then((a) => a.items),
  setArchived: (slug: string, archived: boolean) =>
    call<{ slug: string; status: 'archived' | 'published' }>('POST', `/api/instructor/exercises/${encodeURIComponent(slug)}/${archived ? 'archive' : 'restore'}`),
  submit: (exercise: string, files: Record<string, string>) => call<{ id: string; status: string }>('POST', '/api/submissions', { exercise, files }),
};
