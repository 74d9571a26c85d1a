import { createHash, randomUUID } from 'node:crypto';
import type { Logger, SubmittedFiles } from '@grader/shared';
import { AppError, Errors, type FieldError } from '../http/app-error';
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
}

/** The submission must hold exactly the exercise's files: a typo in a name is caught here, not as a failed test. */
function wrongFiles(exercise: ExerciseVersion, files: SubmittedFiles): FieldError[] {
  const expected = new Set(exercise.manifest.files.map((f) => f.path));
  const errors: FieldError[] = [];
  for (const p of expected) if (!(p in files)) errors.push({ path: `files.${p}`, message: `missing: the exercise needs ${p}` });
  for (const p of Object.keys(files)) {
    if (!expected.has(p)) errors.push({ path: `files.${p}`, message: `unexpected: the exercise takes only ${[...expected].join(', ')}` });
  }
  return errors;
}

function requestHash(request: CreateSubmissionRequest): string {
  const files = Object.keys(request.files)
    .sort()
    .map((p) => [p, request.files[p]]);
  // callbackUrl is left out when absent, so the hashes of requests without one stay as they were.
  return createHash('sha256').update(JSON.stringify({ exercise: request.exercise, files, callbackUrl: request.callbackUrl })).digest('hex');
}

/**
 * Stores a submission and queues it, or refuses it with nothing stored:
 * - the row (and its idempotency key) is written before the job is queued, and removed
 *   if queueing fails: never a job without a row, never a row without a job;
 * - a retry with the same Idempotency-Key and body returns the first submission;
 * - fair use: a user's waiting submissions are capped, and a saturated queue says so;
 * - a callback URL must be http(s), without credentials, and reach only allowed addresses.
 */
export async function createSubmission(deps: CreateSubmissionDeps, request: CreateSubmissionRequest): Promise<{ submission: Submission; replayed: boolean }> {
  const hash = requestHash(request);
  if (request.idempotencyKey) {
    const earlier = deps.idempotency.find(request.user.id, request.idempotencyKey);
    if (earlier) {
      if (earlier.requestHash !== hash) {
        throw new AppError(422, 'idempotency_key_reused', 'Idempotency key reused', 'This Idempotency-Key was used for a different submission; use a new key for new content.');
      }
      const submission = deps.submissions.get(earlier.submissionId);
      if (submission) return { submission, replayed: true };
    }
  }

  const exercise = deps.exercises.findPublished(request.exercise);
  if (!exercise) throw Errors.unknownExercise(request.exercise);
  const problems = wrongFiles(exercise, request.files);
  if (problems.length > 0) throw Errors.wrongFiles(problems);
  if (request.callbackUrl !== undefined) {
    // SSRF: refused now, before anything is stored; the delivery checks the address again when it connects.
    const problem = await callbackUrlProblem(request.callbackUrl, deps.webhookPolicy, deps.resolveHost);
    if (problem) throw Errors.callbackUrlRefused(problem);
  }

  if (deps.submissions.countUnfinishedOf(request.user.id) >= deps.fairUse.queuedPerUser) {
    throw new AppError(429, 'too_many_waiting', 'Too many submissions waiting', `You already have ${deps.fairUse.queuedPerUser} submissions waiting for a grade; submit again when one is graded.`, {
      retryAfterSeconds: 10,
    });
  }
  if ((await deps.queue.waitingCount().catch(() => 0)) >= deps.fairUse.queueCapacity) {
    throw new AppError(503, 'queue_saturated', 'Service unavailable', 'The graders are saturated; nothing was stored. Try again in a minute.', { retryAfterSeconds: 60 });
  }

  const id = randomUUID();
  const submission = deps.db.transaction(() => {
    const created = deps.submissions.insert({
      id,
      userId: request.user.id,
      exercise: exercise.slug,
      exerciseVersion: exercise.version,
      files: request.files,
      maxScore: exercise.manifest.maxScore,
      callbackUrl: request.callbackUrl,
    });
    if (request.idempotencyKey) deps.idempotency.remember(request.user.id, request.idempotencyKey, hash, id);
    return created;
  })();

  try {
    await deps.queue.enqueue({
      submissionId: id,
      exercise: { slug: exercise.slug, version: exercise.version, bundleHash: exercise.bundleHash },
      files: request.files,
    });
  } catch (err) {
    deps.db.transaction(() => {
      deps.idempotency.forgetSubmission(id);
      deps.submissions.deleteQueued(id);
    })();
    deps.logger.error({ err, submissionId: id }, 'could not queue submission; row removed');
    throw Errors.queueUnavailable();
  }
  return { submission, replayed: false };
}
