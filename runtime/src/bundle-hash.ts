import { createHash } from 'node:crypto';

/**
 * The content address of an exercise bundle: sha256 over the parsed manifest and the
 * files in path order. The API computes it when it stores a version; a worker checks it
 * on every bundle it fetches, so a cache can never serve the wrong exercise.
 */
export function bundleHash(manifest: unknown, files: Record<string, string>): string {
  const sorted = Object.keys(files)
    .sort()
    .map((p) => [p, files[p]]);
  return createHash('sha256').update(JSON.stringify({ manifest, files: sorted })).digest('hex');
}
