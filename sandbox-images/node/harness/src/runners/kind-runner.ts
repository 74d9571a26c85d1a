import type { ExerciseKind, ExerciseManifest, SandboxInput, SandboxResult } from '../contracts';

/** Grades one submission of one exercise kind; resolves with the whole result document. */
export type KindRunner<M extends ExerciseManifest = ExerciseManifest> = (manifest: M, input: SandboxInput) => Promise<SandboxResult>;

/** One runner per kind of the manifest union: adding a kind without a runner fails to compile. */
export type KindRunners = { [K in ExerciseKind]: KindRunner<Extract<ExerciseManifest, { kind: K }>> };
