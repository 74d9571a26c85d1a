import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { LIMITS, TRIAL_RUN_ROUTES, visibleTestsManifest, type TrialRunDocument } from '@grader/contracts';
import type { Logger } from '@grader/runtime';
import { currentUser } from '../auth/authenticate';
import { AppError, Errors } from '../http/app-error';
import { perUserPerMinute } from '../http/rate-limits';
import { respond, serve, type TableHandlers } from '../http/serve-route';
import { submissionView } from '../presenters/submission-view';
import type { GradeQueue } from '../queue/grade-queue';
import type { Db } from '../store/database';
import type { ExerciseStore } from '../store/exercise-store';
import { checkedFiles } from '../submissions/create-submission';
import type { TrialRun, TrialRunStore } from './trial-run-store';

export interface TrialRunDeps {
  db: Db;
  exercises: ExerciseStore;
  trialRuns: TrialRunStore;
  queue: GradeQueue;
  logger: Logger;
  fairUse: { queueCapacity: number };
}

/** A trial run as its owner reads it: the submission document's shape (the visible tests are shown whole), marked a trial. */
export function trialRunView(run: TrialRun): z.input<typeof TrialRunDocument> {
  const { assignment: _none, ...document } = submissionView({
    ...run,
    score: run.result?.score ?? null,
    verdict: run.result?.verdict ?? (run.status === 'error' ? 'internal_error' : null),
    workerId: null,
    callbackUrl: null,
    assignment: null,
  });
  return { ...document, trial: true };
}

/**
 * Try before submitting: the files are checked as a submission's are, then graded against the
 * visible tests only (visibleTestsManifest) by the same queue, workers and sandbox, and kept
 * apart from submissions. Limited apart from submissions (a minute's count, one in flight), so
 * trying never spends a submission and a stream of trials cannot crowd the queue.
 */
export function trialRunHandlers(deps: TrialRunDeps): TableHandlers<typeof TRIAL_RUN_ROUTES> {
  const R = TRIAL_RUN_ROUTES;
  // Only trial runs taken count: a refused one (in flight already, wrong files) ran nothing, and a double-click must not spend the minute.
  const perMinute = perUserPerMinute(LIMITS.fairUse.trialRunsPerMinute, { countRefused: false });
  return {
    startTrialRun: serve(
      R.startTrialRun,
      async ({ params, body }, req, res) => {
        const user = currentUser(req);
        const exercise = deps.exercises.findPublished(params.slug);
        if (!exercise) throw Errors.unknownExercise(params.slug);
        const text = checkedFiles(exercise, body.files);
        const visible = visibleTestsManifest(exercise.manifest);
        if (!visible) throw new AppError('no_visible_tests', `"${exercise.manifest.title}" has no visible test to try; submit to be graded.`);
        // Trial runs wait among the prioritized jobs, which the live submissions' count leaves out.
        if ((await deps.queue.backlogCount()) >= deps.fairUse.queueCapacity) {
          throw new AppError('queue_saturated', 'The graders are saturated; nothing was stored. Try again in a minute.', { retryAfterSeconds: 60 });
        }
        // Check and insert in one synchronous transaction: two concurrent trials cannot both pass the cap.
        const run = deps.db.transaction(() => {
          deps.trialRuns.expireStuck(LIMITS.fairUse.trialRunStuckMs);
          if (deps.trialRuns.countUnfinishedOf(user.id) >= LIMITS.fairUse.trialRunsInFlightPerUser) {
            throw new AppError('trial_run_in_progress', 'Your last trial run is still waiting or running; try again when it has finished.', { retryAfterSeconds: 5 });
          }
          return deps.trialRuns.insert({ id: randomUUID(), userId: user.id, exercise: exercise.slug, exerciseVersion: exercise.version, files: text.files, maxScore: visible.maxScore });
        })();
        try {
          await deps.queue.enqueueTrial(run.id, exercise, text.files);
        } catch (err) {
          deps.trialRuns.deleteQueued(run.id);
          deps.logger.error({ err: (err as Error).message, trialRunId: run.id }, 'could not queue a trial run; row removed');
          throw Errors.queueUnavailable();
        }
        res.location(`/api/trial-runs/${run.id}`);
        respond(res, R.startTrialRun, 202, { id: run.id, status: run.status, ...(text.notices.length > 0 ? { notices: text.notices } : {}) });
      },
      [perMinute],
    ),
    trialRun: serve(R.trialRun, ({ params }, req, res) => {
      deps.trialRuns.expireStuck(LIMITS.fairUse.trialRunStuckMs);
      const run = deps.trialRuns.get(params.id);
      // Another user's run is answered as none at all: its id says nothing.
      if (!run || run.userId !== currentUser(req).id) throw Errors.notFound('This trial run');
      respond(res, R.trialRun, 200, trialRunView(run));
    }),
  };
}
