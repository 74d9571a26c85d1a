import { z } from 'zod';
import type { RunnerOutput } from './query-result';
import { LIMITS } from '@grader/contracts/src/limits';

/** The schema of the runner's stdout document: the harness believes nothing that does not match it. */
const SqlValueSchema = z.union([
  z.null(),
  z.number(),
  z.string(),
  z.boolean(),
  z.strictObject({ blob: z.string().regex(/^(?:[0-9a-f]{2})*$/) }),
  z.strictObject({ real: z.enum(['Infinity', '-Infinity', 'NaN']) }),
]);

export const RunnerOutputSchema: z.ZodType<RunnerOutput> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ok'), columns: z.array(z.string()), rows: z.array(z.array(SqlValueSchema)) }),
  z.strictObject({ kind: z.literal('too-many-rows'), limit: z.number().int() }),
  z.strictObject({
    kind: z.literal('error'),
    stage: z.enum(['prepare', 'check', 'run']),
    code: z.string().max(100),
    message: z.string().max(LIMITS.text.testChars),
  }),
]);

/** Parses the runner's stdout; undefined when it is not exactly one valid document. */
export function parseRunnerOutput(stdout: string): RunnerOutput | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const parsed = RunnerOutputSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const output = parsed.data;
  // Every row must have one value per column.
  if (output.kind === 'ok' && output.rows.some((row) => row.length !== output.columns.length)) return undefined;
  return output;
}
