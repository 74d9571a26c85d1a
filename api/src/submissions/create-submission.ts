import { createHash, randomUUID } from 'node:crypto';
import { checkSubmittedText, type SubmittedFiles } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { AppError, Errors, type FieldError } from '../http/app-error';
import { admitToAssignment } from '../assignments/admission';
import type { AssignmentStore } from '../assignments/assignment-store';
import type { GradeQueue } from '../queue/grade-queue';
import type { Db } from '../store/database';
import type { ExerciseStore, ExerciseVersion } from '../store/exercise-store';
import type { IdempotencyStore } from '../store/idempotency-store';
import type { Submission, SubmissionStore } from '../store/submission-store';
import type { User } from '../store/user-store';
import type { AddressPolicy } from '../webhooks/address-policy';
import { callbackUrlProblem, type ResolveHost } from '../webhooks/callback-url';

export interface CreateSubmissionDeps {
  db: Db;
  exercises: ExerciseStore;
  submissions: SubmissionStore;
  assignments: AssignmentStore;
  idempotency: IdempotencyStore;
  queue: GradeQueue;
  logger: Logger;
  fairUse: { queuedPerUser: number; queueCapacity: number };
  /** Which hosts a callback URL may point at. */
  webhookPolicy: AddressPolicy;
  /** How callback hosts are resolved (tests substitute one that needs no DNS). */
  resolveHost?: ResolveHost;
}

export interface CreateSubmissionRequest {
  user: User;
  exercise: string;
  files: SubmittedFiles;
  idempotencyKey?: string;
  /** Where to POST the outcome (a webhook). */
  callbackUrl?: string;
  /** The assignment it counts for: its dates, limit and late policy apply (admitToAssignment). */
  assignment?: string;
}

/** The submission must hold exactly the exercise's files: a typo in a name is caught here, not as a failed test. */
export function wrongFiles(exercise: ExerciseVersion, files: SubmittedFiles): FieldError[] {
  const expected = new Set(exercise.manifest.files.map((f) => f.path));
  const errors: FieldError[] = [];
  for (const p of expected) if (!(p in files)) errors.push({ path: `files.${p}`, message: `missing: the exercise needs ${p}` });
  for (const p of Object.keys(files)) {
    if (!expected.has(p)) errors.push({ path: `files.${p}`, message: `unexpected: the exercise takes only ${[...expected].join(', ')}` });
  }
  return errors;
}

/**
 * Files as a submission must hold them, or the refusal: control characters (`bad_characters`,
 * each with its file, line and column; a leading byte-order mark is removed and said in
 * `notices`), then exactly the exercise's files (`wrong_files`). Drafts and trial runs check
 * theirs here too, so what they keep can be submitted as it is.
 */
export function checkedFiles(exercise: ExerciseVersion, submitted: SubmittedFiles): { files: SubmittedFiles; notices: string[] } {
  const text = checkSubmittedText(submitted);
  if (text.problems.length > 0) throw Errors.badCharacters(text.problems.map((p) => ({ path: `files.${p.file}`, message: p.message })));
  const problems = wrongFiles(exercise, text.files);
  if (problems.length > 0) throw Errors.wrongFiles(problems);
  return { files: text.files, notices: text.notices };
}

function requestHash(request: CreateSubmissionRequest): string {
  const files = Object.keys(request.files)
    .sort()
    .map((p) => [p, request.files[p]]);
  // callbackUrl and assignment are left out when absent (JSON.stringify drops undefined), so older hashes stay as they were.
  return createHash('sha256').update(JSON.stringify({ exercise: request.exercise, files, callbackUrl: request.callbackUrl, assignment: request.assignment })).digest('hex');
}

/**
 * Submissions reserved in SQLite whose job is not queued yet. A request that repeats one's
 * Idempotency-Key meanwhile gets 409 (retry shortly) rather than an id that may vanish if
 * queueing fails. One API process writes the database, so this process's memory is the truth.
 */
const inFlight = new Set<string>();

type Reservation = { kind: 'replay'; submission: Submission } | { kind: 'created'; submission: Submission };

/**
 * Stores a submission and queues it, or refuses it with nothing stored:
 * - the text is checked first (see checkSubmittedText): a byte-order mark is removed and
 *   the caller told in `notices`, control characters are refused with where they are;
 * - the idempotency key, the per-user cap of waiting submissions and the row itself are
 *   decided in one synchronous SQLite transaction, with no await between check and write, so
 *   concurrent requests cannot both pass a check (one submission per key, the cap holds);
 * - the job is queued after that; if queueing fails the row and its key are removed: never
 *   a job without a row, never a row without a job;
 * - a retry with the same Idempotency-Key and body returns the first submission;
 * - a saturated queue says so, and a callback URL must be http(s), without credentials,
 *   and reach only allowed addresses.
 */
export async function createSubmission(
  deps: CreateSubmissionDeps,
  request: CreateSubmissionRequest,
): Promise<{ submission: Submission; replayed: boolean; notices: string[] }> {
  const text = checkSubmittedText(request.files);
  if (text.problems.length > 0) throw Errors.badCharacters(text.problems.map((p) => ({ path: `files.${p.file}`, message: p.message })));
  const files = text.files;
  const hash = requestHash({ ...request, files });

  // A replay is answered before anything else is looked at, as it was first answered.
  const replay = request.idempotencyKey ? replayOf(deps, request.user.id, request.idempotencyKey, hash) : undefined;
  if (replay) return { submission: replay, replayed: true, notices: text.notices };

  const exercise = deps.exercises.findPublished(request.exercise);
  if (!exercise) throw Errors.unknownExercise(request.exercise);
  const problems = wrongFiles(exercise, files);
  if (problems.length > 0) throw Errors.wrongFiles(problems);
  if (request.callbackUrl !== undefined) {
    // SSRF: refused now, before anything is stored; the delivery checks the address again when it connects.
    const problem = await callbackUrlProblem(request.callbackUrl, deps.webhookPolicy, deps.resolveHost);
    if (problem) throw Errors.callbackUrlRefused(problem);
  }
  // A soft bound on the whole queue: it may be passed by a few concurrent requests, which is harmless.
  if ((await deps.queue.waitingCount()) >= deps.fairUse.queueCapacity) {
    throw new AppError('queue_saturated', 'The graders are saturated; nothing was stored. Try again in a minute.', { retryAfterSeconds: 60 });
  }

  // From here to the insert nothing awaits: checks and writes are one transaction.
  const reserved = deps.db.transaction((): Reservation => {
    if (request.idempotencyKey) {
      const earlier = replayOf(deps, request.user.id, request.idempotencyKey, hash);
      if (earlier) return { kind: 'replay', submission: earlier };
    }
    if (deps.submissions.countUnfinishedOf(request.user.id) >= deps.fairUse.queuedPerUser) {
      throw new AppError('too_many_waiting', `You already have ${deps.fairUse.queuedPerUser} submissions waiting for a grade; submit again when one is graded.`, {
        retryAfterSeconds: 10,
      });
    }
    // Decided here, with the row: two concurrent submissions cannot both take the last one allowed.
    const assignment = request.assignment === undefined ? undefined : admitToAssignment(deps.assignments, { assignmentId: request.assignment, user: request.user, exercise: exercise.slug }, new Date());
    const id = randomUUID();
    const created = deps.submissions.insert({
      id,
      userId: request.user.id,
      exercise: exercise.slug,
      exerciseVersion: exercise.version,
      files,
      maxScore: exercise.manifest.maxScore,
      callbackUrl: request.callbackUrl,
      assignment,
    });
    if (request.idempotencyKey) deps.idempotency.remember(request.user.id, request.idempotencyKey, hash, id);
    inFlight.add(id);
    return { kind: 'created', submission: created };
  })();
  if (reserved.kind === 'replay') return { submission: reserved.submission, replayed: true, notices: text.notices };

  const { submission } = reserved;
  try {
    await deps.queue.enqueue({ id: submission.id, files }, exercise);
  } catch (err) {
    deps.db.transaction(() => {
      deps.idempotency.forgetSubmission(submission.id);
      deps.submissions.deleteQueued(submission.id);
    })();
    deps.logger.error({ err: (err as Error).message, submissionId: submission.id }, 'could not queue submission; row removed');
    throw Errors.queueUnavailable();
  } finally {
    inFlight.delete(submission.id);
  }
  return { submission, replayed: false, notices: text.notices };
}

/**
 * The submission an earlier request with this key created, when the body is the same.
 * Throws 422 when the key was used for other content, 409 while the first request is
 * still queueing its job.
 */
function replayOf(deps: CreateSubmissionDeps, userId: string, key: string, hash: string): Submission | undefined {
  const earlier = deps.idempotency.find(userId, key);
  if (!earlier) return undefined;
  if (earlier.requestHash !== hash) {
    throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used for a different submission; use a new key for new content.');
  }
  if (inFlight.has(earlier.submissionId)) throw Errors.idempotencyInFlight();
  return deps.submissions.get(earlier.submissionId);
}
