import type { ExerciseManifest } from '../../contracts';

export type InjectionPreventionManifest = Extract<ExerciseManifest, { kind: 'injection-prevention' }>;
export type InjectionTest = InjectionPreventionManifest['tests'][number];
