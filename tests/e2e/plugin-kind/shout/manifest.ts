import { z } from 'zod';
import { ManifestCommon, TestBase } from '@grader/contracts/src/manifest';
import { SubmittedPath } from '@grader/contracts/src/submitted-files';

/**
 * The manifest of kind `shout` (zod only, browser-safe): the student's CommonJS module exports
 * a function from text to text; each test gives it one text and expects one answer.
 */
export const ShoutManifest = z.object({
  ...ManifestCommon,
  kind: z.literal('shout'),
  shout: z.object({
    /** The submitted module that exports the function. */
    module: SubmittedPath.default('shout.js'),
  }),
  tests: z
    .array(
      TestBase.extend({
        input: z.string().max(200),
        expected: z.string().max(200),
      }),
    )
    .min(1)
    .max(10),
});
export type ShoutManifest = z.infer<typeof ShoutManifest>;
