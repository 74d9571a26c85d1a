import { ExerciseManifest } from '@grader/contracts';

/**
 * An exercise package as stored (manifest and files as JSON text), read back. Stored manifests
 * were validated on the way in; parsing again applies defaults added since.
 */
export function storedPackage(row: { manifest: string; files: string }): { manifest: ExerciseManifest; files: Record<string, string> } {
  return { manifest: ExerciseManifest.parse(JSON.parse(row.manifest)), files: JSON.parse(row.files) as Record<string, string> };
}
