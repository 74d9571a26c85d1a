import type { ExerciseManifest } from '../contracts';
import { internalErrorResult } from '../result-summary';
import type { KindRunner } from './kind-runner';

type InjectionPreventionManifest = Extract<ExerciseManifest, { kind: 'injection-prevention' }>;

/** Kind injection-prevention: not graded by this image yet. */
export const runInjectionPrevention: KindRunner<InjectionPreventionManifest> = async (manifest) =>
  internalErrorResult('this image cannot grade injection-prevention exercises yet', manifest.maxScore);
