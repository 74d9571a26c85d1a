import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { Slug, SubmittedFiles, type Logger } from '@grader/shared';
import { Errors, type FieldError } from '../http/app-error';
import { parseBody, parseParams } from '../http/parse';
import { submissionView } from '../presenters/submission-view';
import type { GradeQueue } from '../queue/grade-queue';
import type { ExerciseStore, ExerciseVersion } from '../store/exercise-store';
import type { SubmissionStore } from '../store/submission-store';

export const CreateSubmissionBody = z.strictObject({
  /** The exercise's slug. */
  exercise: Slug,
  /** Submitted path → file content; exactly the files the exercise names. */
  files: SubmittedFiles,
});

/** The submission must hold exactly the exercise's files: a typo in a name is caught here, not as a failed test. */
function wrongFiles(exercise: ExerciseVersion, files: Record<string, string>): FieldError[] {
  const expected = new Set(exercise.manifest.files.map((f) => f.path));
  const errors: FieldError[] = [];
  for (const p of expected) if (!(p in files)) errors.push({ path: `files.${p}`, message: `missing: the exercise needs ${p}` });
  for (const p of Object.keys(files)) {
    if (!expected.has(p)) errors.push({ path: `files.${p}`, message: `unexpected: the exercise takes only ${[...expected].join(', ')}` });
  }
  return errors;
}

export function submissionRoutes(deps: { exercises: ExerciseStore; submissions: SubmissionStore; queue: GradeQueue; logger: Logger }): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parseBody(req, CreateSubmissionBody);
    const exercise = deps.exercises.findPublished(body.exercise);
    if (!exercise) throw Errors.unknownExercise(body.exercise);
    const problems = wrongFiles(exercise, body.files);
    if (problems.length > 0) throw Errors.wrongFiles(problems);

    // The row is written before the job is queued, and removed if queueing fails:
    // never a job without a row, never a row without a job.
    const id = randomUUID();
    const submission = deps.submissions.insert({
      id,
      exercise: exercise.slug,
      exerciseVersion: exercise.version,
      files: body.files,
      maxScore: exercise.manifest.maxScore,
    });
    try {
      await deps.queue.enqueue({
        submissionId: id,
        exercise: { slug: exercise.slug, version: exercise.version, bundleHash: exercise.bundleHash },
        files: body.files,
      });
    } catch (err) {
      deps.submissions.deleteQueued(id);
      deps.logger.error({ err, submissionId: id }, 'could not queue submission; row removed');
      throw Errors.queueUnavailable();
    }
    res.status(202).location(`/api/submissions/${id}`).json({ id, status: submission.status });
  });

  router.get('/:id', (req, res) => {
    const id = parseParams(req.params.id, z.uuid(), `Submission "${req.params.id}"`);
    const submission = deps.submissions.get(id);
    if (!submission) throw Errors.notFound(`Submission "${id}"`);
    res.json(submissionView(submission));
  });

  return router;
}
