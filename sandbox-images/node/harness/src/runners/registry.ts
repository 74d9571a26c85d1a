import type { ExerciseManifest, SandboxInput, SandboxResult } from '../contracts';
import type { KindRunner, KindRunners } from './kind-runner';
import { runInjectionPrevention } from './injection-prevention';
import { runRestEndpoint } from './rest-endpoint';
import { runSqlQuery } from './sql-query';

const RUNNERS: KindRunners = {
  'sql-query': runSqlQuery,
  'rest-endpoint': runRestEndpoint,
  'injection-prevention': runInjectionPrevention,
};

export function runExercise(manifest: ExerciseManifest, input: SandboxInput): Promise<SandboxResult> {
  // The mapped type pairs each kind with its runner; TypeScript cannot follow that through an index.
  const runner = RUNNERS[manifest.kind] as KindRunner;
  return runner(manifest, input);
}
