import { z } from 'zod';
import { ExerciseManifest, Visibility } from './manifest';
import { SubmittedFiles } from './submitted-files';
import { Verdict } from './verdicts';
import { LIMITS } from './limits';

/**
 * The contract between the worker and the harness inside a sandbox container.
 *
 * The worker writes one SandboxInput as JSON to the container's stdin and closes it.
 * The harness runs the tests and writes, as its last output, RESULT_MARKER + nonce,
 * a newline and one SandboxResult as JSON. The nonce comes from the input, which only
 * the harness reads, so nothing the student's code prints can pass for a result.
 */
export const SANDBOX_PROTOCOL = 1;
export const RESULT_MARKER = '\n@@grader-result@@';

export const SandboxInput = z.object({
  protocol: z.literal(SANDBOX_PROTOCOL),
  /** Random per run; frames the result document on stdout. */
  nonce: z.string().regex(/^[A-Za-z0-9]{16,64}$/),
  manifest: ExerciseManifest,
  /** Every file of the exercise package (hidden tests, datasets, solution): package path → text. */
  exerciseFiles: z.record(z.string(), z.string()),
  /** The student's files: submitted path → text. */
  submission: SubmittedFiles,
});
export type SandboxInput = z.infer<typeof SandboxInput>;

export const TestStatus = z.enum(['passed', 'failed', 'error']);
export type TestStatus = z.infer<typeof TestStatus>;

/** Characters a test's message, expected or actual text may have in a result document. */
export const TEST_TEXT_MAX = LIMITS.text.testChars;

export const TestResult = z.object({
  name: z.string(),
  visibility: Visibility,
  status: TestStatus,
  /** Why this test's outcome: what went wrong and, where it helps, what to look at. */
  verdict: Verdict,
  score: z.number().min(0),
  maxScore: z.number().min(0),
  message: z.string().max(TEST_TEXT_MAX),
  /** A short rendering of the expected and actual output, for visible tests only. */
  expected: z.string().max(TEST_TEXT_MAX).optional(),
  actual: z.string().max(TEST_TEXT_MAX).optional(),
  durationMs: z.number().min(0).optional(),
  /**
   * For staff only, on a test that is not visible: its feedback as a visible test would have it
   * (the message with the data, the expected and actual renderings), so that an instructor can
   * tell a student why they lost points. The API never shows it to students.
   */
  staff: z
    .object({
      message: z.string().max(TEST_TEXT_MAX),
      expected: z.string().max(TEST_TEXT_MAX).optional(),
      actual: z.string().max(TEST_TEXT_MAX).optional(),
    })
    .optional(),
});
export type TestResult = z.infer<typeof TestResult>;

export const SandboxResult = z
  .object({
    protocol: z.literal(SANDBOX_PROTOCOL),
    verdict: Verdict,
    score: z.number().min(0),
    maxScore: z.number().min(0),
    /** One sentence for the whole submission, e.g. the compiler's error. */
    message: z.string().max(LIMITS.text.resultMessageChars),
    tests: z.array(TestResult),
    /**
     * The harness's own time, milliseconds, from its input read to its result written: what a
     * grading costs without the container around it (the benchmark's floor). Set by the harness.
     */
    durationMs: z.number().min(0).optional(),
  })
  .refine((r) => r.score <= r.maxScore, { message: 'score exceeds maxScore' });
export type SandboxResult = z.infer<typeof SandboxResult>;
