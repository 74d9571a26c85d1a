import { z } from 'zod';
import { ValidationCandidate, ValidationOutcome } from './exercise-validation';
import { ExerciseManifest, Slug } from './manifest';
import { SandboxResult } from './sandbox';
import { SubmittedFiles } from './submitted-files';
import { LIMITS } from './limits';

/** Queue names; a deployment (or a test run) prefixes them with its own namespace. */
export const QUEUES = {
  /** API → workers: submissions to grade. */
  grade: 'grade',
  /** Workers → recorder: status changes and results, written to SQLite by the recorder only. */
  results: 'results',
  /** API → workers: exercise drafts to validate in the sandbox before they are published. */
  validate: 'validate',
} as const;

export const BundleHash = z.string().regex(/^[a-f0-9]{64}$/, 'a sha256 hex digest');

/** Set on a regrade's job and its messages: the result goes to the regrade batch, never onto the submission itself. */
const RegradeBatch = z.uuid();

/**
 * Set on the canary's job and its messages (api/src/health/canary.ts): a grading of no submission,
 * which the recorder hands to the canary, never to the store.
 */
const Canary = z.literal(true);

/**
 * Set on a trial run's job and its messages (job id `trial-<id>`): the visible tests only, graded
 * for the student to try (visibleTestsManifest); the recorder hands it to the trial runs, never
 * to a submission.
 */
const Trial = z.literal(true);

/** How the sandbox was had: a warm container claimed, or a cold one started, and how long it took (metrics). */
export const SandboxTiming = z.object({ warm: z.boolean(), readyMs: z.number().min(0) });
export type SandboxTiming = z.infer<typeof SandboxTiming>;

/** What a worker needs to grade one submission. The job id is the submission id. */
export const GradeJob = z.object({
  submissionId: z.uuid(),
  exercise: z.object({
    slug: Slug,
    version: z.number().int().min(1),
    /** Content address of the exercise bundle; the worker fetches it from the API and caches it. */
    bundleHash: BundleHash,
  }),
  files: SubmittedFiles,
  /** Present when this grading is part of a regrade batch (job id `regrade-<batch>-<submission>`). */
  regradeBatch: RegradeBatch.optional(),
  /** Present on the canary's job (job id `canary-<id>`): its submissionId names no submission. */
  canary: Canary.optional(),
  /** Present on a trial run's job: its submissionId is the trial run's id, not a submission's. */
  trial: Trial.optional(),
});
export type GradeJob = z.infer<typeof GradeJob>;

/** What a worker tells the recorder. Recording is idempotent: a message may arrive twice. */
export const ResultMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    submissionId: z.uuid(),
    regradeBatch: RegradeBatch.optional(),
    canary: Canary.optional(),
    trial: Trial.optional(),
    workerId: z.string().max(200),
    at: z.iso.datetime(),
  }),
  z.object({
    type: z.literal('graded'),
    submissionId: z.uuid(),
    regradeBatch: RegradeBatch.optional(),
    canary: Canary.optional(),
    trial: Trial.optional(),
    workerId: z.string().max(200),
    at: z.iso.datetime(),
    result: SandboxResult,
    sandbox: SandboxTiming.optional(),
  }),
  z.object({
    /** The grader could not grade (infrastructure), after its retries: not a judgement of the student. */
    type: z.literal('failed'),
    submissionId: z.uuid(),
    regradeBatch: RegradeBatch.optional(),
    canary: Canary.optional(),
    trial: Trial.optional(),
    workerId: z.string().max(200),
    at: z.iso.datetime(),
    /** For staff; shown to the student only as "the grader failed". */
    reason: z.string().max(LIMITS.text.reasonChars),
  }),
  z.object({
    /** A draft's validation ended: the whole report, or why it could not be completed after its retries. */
    type: z.literal('validated'),
    validationId: z.uuid(),
    workerId: z.string().max(200),
    at: z.iso.datetime(),
    outcome: ValidationOutcome,
  }),
]);
export type ResultMessage = z.infer<typeof ResultMessage>;
/** The messages about a submission's grading, live or part of a regrade. */
export type GradingMessage = Exclude<ResultMessage, { type: 'validated' }>;

/** What a worker needs to validate a draft: its bundle (by hash) and the solutions to grade. The job id is the validation id. */
export const ValidateJob = z.object({
  validationId: z.uuid(),
  bundleHash: BundleHash,
  candidates: z.array(ValidationCandidate).min(1).max(60),
});
export type ValidateJob = z.infer<typeof ValidateJob>;

/** An exercise bundle as served to workers: the parsed manifest and every package file as text. */
export const ExerciseBundle = z.object({
  hash: BundleHash,
  manifest: ExerciseManifest,
  files: z.record(z.string(), z.string()),
});
export type ExerciseBundle = z.infer<typeof ExerciseBundle>;
