import { z } from 'zod';
import { ExerciseManifest } from './manifest';

/** Where the generated schema is committed, relative to the repository root; exercise.yaml files point at it. */
export const MANIFEST_SCHEMA_FILE = 'docs/exercise.schema.json';

/**
 * The JSON Schema of `exercise.yaml`, generated from the zod schema so the two cannot drift
 * (a test compares it with the committed file). It describes what an author writes, so
 * fields with defaults are optional. Rules that span fields (points adding up to maxScore,
 * known-wrong scores below it, referenced files existing) are zod refinements JSON Schema
 * cannot express: editors check the shape, the loader checks the rest.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ExerciseManifest, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Exercise manifest (exercise.yaml)',
    description:
      'An exercise package manifest. Generated from contracts/src/manifest/ by `npm run exercise -- schema`; do not edit by hand. ' +
      "Also checked when loaded: the tests' points add up to maxScore, a known-wrong maxScore is below it, every file named exists in the package.",
    ...rest,
  };
}

/** The schema as committed: two-space JSON with a final newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
