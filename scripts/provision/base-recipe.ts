import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The recipe of the locally built base image: sandbox-images/base/recipe.json
 * (see the README beside it).
 */

/** Bump when the building code changes what it produces: every base image is then rebuilt. */
export const BUILDER_VERSION = 1;

/** A path inside the root filesystem: relative, no `..`, a `*` only in the last segment. */
const RootfsPath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'must be a relative path without ..')
  .refine((p) => !p.split('/').slice(0, -1).some((seg) => seg.includes('*')), 'a * may only be in the last segment');

export const RecipeSchema = z.object({
  suite: z.string().regex(/^[a-z]+$/),
  variant: z.enum(['minbase', 'buildd', 'fakechroot']),
  include: z.array(z.string().regex(/^[a-z0-9][a-z0-9+.-]*$/)).default([]),
  remove: z.array(RootfsPath).default([]),
  emptyFiles: z.array(RootfsPath).default([]),
  user: z
    .object({
      name: z.string().regex(/^[a-z_][a-z0-9_-]*$/),
      uid: z.number().int().min(1),
      gid: z.number().int().min(1),
    })
    .optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
  cmd: z.array(z.string()).optional(),
});

export type Recipe = z.infer<typeof RecipeSchema>;

export function recipePath(repoRoot: string): string {
  return path.join(repoRoot, 'sandbox-images', 'base', 'recipe.json');
}

export function loadRecipe(file: string): Recipe {
  const parsed = RecipeSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${file}: ${issues}`);
  }
  return parsed.data;
}

/** The host Node the image gets. */
export interface NodeRuntime {
  version: string;
  arch: string;
}

export const HOST_NODE: NodeRuntime = { version: process.version, arch: process.arch };

/** `grader-base:bookworm-node20`: the tag names the suite and the Node major version. */
export function baseImageName(recipe: Recipe, node: NodeRuntime = HOST_NODE): string {
  const major = node.version.replace(/^v/, '').split('.')[0];
  return `grader-base:${recipe.suite}-node${major}`;
}

/** What identifies an image made from this recipe, stored in its `grader.recipe` label. */
export function recipeHash(recipe: Recipe, node: NodeRuntime = HOST_NODE): string {
  return createHash('sha256')
    .update(JSON.stringify({ builder: BUILDER_VERSION, node, recipe }))
    .digest('hex');
}

/** `docker import --change` instructions: ENV, CMD and the labels. */
export function importChanges(recipe: Recipe, labels: Record<string, string>): string[] {
  const changes = Object.entries(recipe.env).map(([k, v]) => `ENV ${k}=${JSON.stringify(v)}`);
  for (const [k, v] of Object.entries(labels)) changes.push(`LABEL ${k}=${JSON.stringify(v)}`);
  if (recipe.cmd) changes.push(`CMD ${JSON.stringify(recipe.cmd)}`);
  return changes;
}
