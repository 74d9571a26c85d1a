import { z } from 'zod';
import { defineRoute } from '../route';
import { LIMITS } from '../../limits';
import { SubmittedFiles } from '../../submitted-files';
import { SubmissionAccepted, SubmissionDocument } from '../documents';
import { ExerciseSlugParams } from './exercises';
import { located } from './shared';

/**
 * A trial run: the student's files graded against the exercise's visible tests only, to try
 * before submitting. Nothing is recorded as a submission: no grade, no attempt of an assignment,
 * nothing in the history or the gradebook; the result is kept a day for its owner.
 */
export const TrialRunDocument = SubmissionDocument.omit({ assignment: true })
  .extend({
    trial: z.literal(true).meta({ description: 'Always true: a trial run, never a submission.' }),
  })
  .meta({ id: 'TrialRun', description: 'As a submission document, out of the visible tests’ points (`maxScore`); `tests` holds the visible tests only.' });
export type TrialRunDocument = z.infer<typeof TrialRunDocument>;

export const StartTrialRunBody = z.strictObject({
  files: SubmittedFiles.meta({ description: 'Exactly the files the exercise names, as in a submission.', example: { 'query.sql': 'SELECT name FROM customers' } }),
});

export const TrialRunIdParams = z.strictObject({ id: z.uuid() });

export const TRIAL_RUN_ROUTES = {
  startTrialRun: defineRoute({
    method: 'post',
    path: '/api/exercises/{slug}/trial-runs',
    access: 'signed-in',
    tags: ['exercises'],
    summary: 'Try my files on the exercise’s visible tests, without submitting',
    description: [
      'Graded in the same sandbox as a submission, against the visible tests only; not a submission: it never counts and does not appear in the history.',
      `At most ${LIMITS.fairUse.trialRunsPerMinute} a minute per user (apart from submissions), and ${LIMITS.fairUse.trialRunsInFlightPerUser} waiting or running at a time. Poll GET /api/trial-runs/{id}.`,
    ].join(' '),
    params: ExerciseSlugParams,
    body: StartTrialRunBody,
    responses: { 202: { description: 'Queued; poll the Location.', schema: SubmissionAccepted, headers: located } },
    errors: ['unknown_exercise', 'wrong_files', 'bad_characters', 'no_visible_tests', 'trial_run_in_progress', 'rate_limited', 'queue_unavailable', 'queue_saturated'],
    errorNotes: { bad_characters: 'a NUL or other control character; errors say the file, line and column' },
  }),
  trialRun: defineRoute({
    method: 'get',
    path: '/api/trial-runs/{id}',
    access: 'signed-in',
    tags: ['exercises'],
    summary: 'One of my trial runs: status, score out of the visible tests, each test',
    params: TrialRunIdParams,
    resource: 'Trial run',
    responses: { 200: { description: 'The trial run.', schema: TrialRunDocument } },
    errorNotes: { not_found: 'no such trial run of yours (they are kept a day)' },
  }),
} as const;
