import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { LIMITS } from '../../../contracts';
import { clearStudentFilesAsStudent } from '../../../common/process/clear-as-student';
import { graderWorkDir, studentReadableDir } from '../../../common/workspace';
import { log } from '../../../log';
import type { InjectionRun, TestSetup } from '../fixed-test';
import type { InjectionTest } from '../types';
import { runGeneratedCheck } from './check';
import { injectionLauncher } from '../student-runners';
import { SessionStudent } from './student-side';

export type GeneratedTest = InjectionTest & { generated: NonNullable<InjectionTest['generated']> };

const GENERATED_MARGIN_MS = LIMITS.generated.marginMs;

/**
 * A generated check: many inputs through one runner process for as many as it survives
 * (check.ts), within its time budget and what is left of the sandbox's (`deadline`): the
 * tests after it keep their own time.
 */
export async function runGeneratedTest(
  setup: TestSetup,
  test: GeneratedTest,
  index: number,
  deadline: number,
): Promise<InjectionRun> {
  const { manifest } = setup;
  const slug = manifest.slug;
  const started = performance.now();
  const { testTimeMs, memoryMb } = manifest.limits;
  const wanted = Math.min(test.generated.timeMs ?? LIMITS.generated.timeMs, LIMITS.generated.timeMsMax);
  // A slow submission may have used the sandbox's time up: the search gets what is left, the tests after it theirs.
  const budgetMs = Math.max(0, Math.min(wanted, deadline - started - testTimeMs - GENERATED_MARGIN_MS));
  const privateDir = graderWorkDir(`test-${index + 1}`);
  const shared = studentReadableDir(`injection-test-${index + 1}-`);
  shared.open();
  const student = new SessionStudent({
    module: setup.modulePath,
    launcher: injectionLauncher(setup.modulePath),
    moduleName: manifest.injection.module,
    dir: shared.dir,
    maxResultBytes: LIMITS.exercise.callResultBytes,
    outputBytes: LIMITS.exercise.outputBytes,
    lifetimeMs: budgetMs + 2 * testTimeMs + GENERATED_MARGIN_MS,
    testTimeMs,
    memoryMb,
    nonce: () => randomBytes(18).toString('base64url'),
  });
  try {
    const outcome = await runGeneratedCheck({ slug, test, manifest, reference: setup.reference, baseDatabase: setup.baseDatabase, workDir: privateDir, student, budgetMs });
    log(`generated check ${JSON.stringify(test.name)}: ${outcome.runs} inputs, ${outcome.judgement.status}`);
    return { judgement: outcome.judgement, durationMs: Math.round(performance.now() - started), loadFailed: outcome.loadFailed };
  } finally {
    await student.close();
    await clearStudentFilesAsStudent();
    shared.remove();
    rmSync(privateDir, { recursive: true, force: true });
  }
}
