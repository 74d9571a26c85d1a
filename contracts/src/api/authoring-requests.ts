import { z } from 'zod';
import { Verdict } from '../verdicts';
import { SubmissionStatus } from './documents';

/** What the exercise-authoring routes (instructors) take: query parameters, bodies, upload media types. */

/** The package formats an archive upload may be. */
export type ArchiveFormat = 'tar.gz' | 'zip';

/** The media types an archive upload may carry, by format. */
export const ARCHIVE_MEDIA_TYPES: Readonly<Record<string, ArchiveFormat>> = {
  'application/gzip': 'tar.gz',
  'application/x-gzip': 'tar.gz',
  'application/x-tar+gzip': 'tar.gz',
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
};

/** A package sent as JSON: package path → text (JSON bodies keep the API's usual size limit). */
export const PackageFilesBody = z.strictObject({
  files: z.record(z.string(), z.string()),
});

export const ListDraftsQuery = z.strictObject({
  slug: z.string().max(64).optional(),
  /** Also published and discarded drafts. */
  all: z.enum(['true', 'false']).optional(),
});

export const ExerciseSubmissionsQuery = z.strictObject({
  status: SubmissionStatus.optional(),
  /** A user's id. */
  user: z.uuid().optional(),
  verdict: Verdict.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const ExercisePackageQuery = z.strictObject({
  /** A version number; the current version when absent. */
  version: z.coerce.number().int().min(1).optional(),
});

export const StartRegradeBody = z.strictObject({
  /** Also regrade submissions already graded against the current version (e.g. after a sandbox image change). */
  all: z.boolean().default(false),
});

export const GradebookQuery = z.strictObject({
  /** Only this course's students. */
  course: z.uuid().optional(),
});
