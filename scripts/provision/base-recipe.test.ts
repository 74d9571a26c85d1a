import path from 'node:path';
import { REPO_ROOT } from './context';
import { RecipeSchema, baseImageName, importChanges, loadRecipe, recipeHash, recipePath } from './base-recipe';
import { splitName } from './base-image';

describe('base image recipe', () => {
  const recipe = loadRecipe(recipePath(REPO_ROOT));

  it('is the repository sandbox-images/base/recipe.json and valid', () => {
    expect(recipePath(REPO_ROOT)).toBe(path.join(REPO_ROOT, 'sandbox-images', 'base', 'recipe.json'));
    expect(recipe.suite).toBe('bookworm');
    expect(recipe.variant).toBe('minbase');
  });
  it('names the image after the suite and the Node major version', () => {
    expect(baseImageName(recipe, { version: 'v20.20.2', arch: 'x64' })).toBe('grader-base:bookworm-node20');
    expect(baseImageName({ ...recipe, suite: 'trixie' }, { version: 'v22.1.0', arch: 'x64' })).toBe('grader-base:trixie-node22');
  });
  it('hashes the recipe together with the full Node version and architecture', () => {
    const node = { version: 'v20.20.2', arch: 'x64' };
    const h = recipeHash(recipe, node);
    expect(recipeHash(recipe, { ...node })).toBe(h);
    expect(recipeHash(recipe, { ...node, version: 'v20.20.3' })).not.toBe(h);
    expect(recipeHash(recipe, { ...node, arch: 'arm64' })).not.toBe(h);
    expect(recipeHash({ ...recipe, include: ['sqlite3'] }, node)).not.toBe(h);
  });
  it('turns env, labels and cmd into docker import changes', () => {
    expect(importChanges({ ...recipe, env: { PATH: '/bin:/usr/bin' }, cmd: ['node'] }, { 'grader.recipe': 'abc' })).toEqual([
      'ENV PATH="/bin:/usr/bin"',
      'LABEL grader.recipe="abc"',
      'CMD ["node"]',
    ]);
  });
  it('refuses paths that leave the root filesystem', () => {
    const base = { suite: 'bookworm', variant: 'minbase' };
    expect(RecipeSchema.safeParse({ ...base, remove: ['../etc/*'] }).success).toBe(false);
    expect(RecipeSchema.safeParse({ ...base, remove: ['/etc/passwd'] }).success).toBe(false);
    expect(RecipeSchema.safeParse({ ...base, remove: ['usr/*/doc'] }).success).toBe(false);
    expect(RecipeSchema.safeParse({ ...base, include: ['sqlite3; rm -rf /'] }).success).toBe(false);
    expect(RecipeSchema.safeParse({ ...base, remove: ['usr/share/doc/*'] }).success).toBe(true);
  });
  it('splits image names into repository and tag', () => {
    expect(splitName('grader-base:bookworm-node20')).toEqual(['grader-base', 'bookworm-node20']);
    expect(splitName('localhost:5000/x')).toEqual(['localhost:5000/x', undefined]);
    expect(splitName('localhost:5000/x:1')).toEqual(['localhost:5000/x', '1']);
  });
});
