import { z } from 'zod';
import { ExerciseManifest, Slug } from './manifest';
import { SandboxResult } from './sandbox';
import { SubmittedFiles } from './submitted-files';

/** Queue names; a deployment (or a test run) prefixes them with its own namespace. */
export const QUEUES = {
  /** API → workers: submissions to grade. */
  grade: 'grade',
  /** Workers → recorder: status changes and results, written to SQLite by the recorder only. */
  results: 'results',
} as const;

export const BundleHash = z.string().regex(/^[a-f0-9]{64}$/, 'a sha256 hex digest');

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
});
export type GradeJob = z.infer<typeof GradeJob>;

/** What a worker tells the recorder. Recording is idempotent: a message may arrive twice. */
export const ResultMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    submissionId: z.uuid(),
    workerId: z.string().max(200),
    at: z.iso.datetime(),
  }),
  z.object({
    type: z.literal('graded'),
    submissionId: z.uuid(),
    workerId: z.string().max(200),
    at: z.iso.datetime(),
    result: SandboxResult,
  }),
  z.object({
    /** The grader could not grade (infrastructure), after its retries: not a judgement of the student. */
    type: z.literal('failed'),
    submissionId: z.uuid(),
    workerId: z.string().max(200),
    at: z.iso.datetime(),
    /** For staff; shown to the student only as "the grader failed". */
    reason: z.string().max(4000),
  }),
]);
export type ResultMessage = z.infer<typeof ResultMessage>;

/** An exercise bundle as served to workers: the parsed manifest and every package file as text. */
export const ExerciseBundle = z.object({
  hash: BundleHash,
  manifest: ExerciseManifest,
  files: z.record(z.string(), z.string()),
});
export type ExerciseBundle = z.infer<typeof ExerciseBundle>;
