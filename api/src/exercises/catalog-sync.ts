import fs from 'node:fs';
import path from 'node:path';
import { type Logger } from '@grader/runtime';

import type { ExerciseStore } from '../store/exercise-store';
import { loadExerciseFolder, MANIFEST_FILES } from './exercise-package';

/**
 * Publishes every exercise folder under `dir` (a folder with an exercise manifest), trusted
 * and unvalidated so start-up stays fast (`npm run exercise -- validate <dir>` checks one).
 * A folder whose content changed becomes a new version; one the exercise already had is left alone.
 * A broken folder is reported and skipped, so one bad exercise does not take the others down.
 */
export function syncExerciseFolders(dir: string, store: ExerciseStore, logger: Logger): { loaded: number; failed: number } {
  let loaded = 0;
  let failed = 0;
  if (!fs.existsSync(dir)) {
    logger.warn({ dir }, 'exercises folder does not exist; no exercise loaded');
    return { loaded, failed };
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(dir, entry.name);
    if (!MANIFEST_FILES.some((m) => fs.existsSync(path.join(folder, m)))) continue;
    try {
      const pkg = loadExerciseFolder(folder);
      loaded++;
      // Content this exercise already had is left alone: a newer version published through the
      // API is not reverted to the folder's at every start, and an archived exercise stays archived.
      if (store.hasVersionWithHash(pkg.manifest.slug, pkg.bundleHash)) continue;
      const { version, created } = store.publish(pkg);
      if (created) logger.info({ slug: pkg.manifest.slug, version }, 'exercise published');
    } catch (err) {
      failed++;
      logger.error({ folder: entry.name, err: (err as Error).message }, 'exercise folder rejected');
    }
  }
  return { loaded, failed };
}
