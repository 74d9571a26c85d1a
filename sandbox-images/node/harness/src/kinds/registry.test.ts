import { MANIFEST_KINDS } from '@grader/contracts/src/manifest';
import { runExercise, STANDARD_KINDS, studentRunnersOf, type AnyKind } from './registry';

describe('the kinds registry', () => {
  it('registers a plug-in for each kind of the shared manifest, in its order', () => {
    expect(STANDARD_KINDS.map((k) => k.name)).toEqual(MANIFEST_KINDS.map((k) => k.schema.shape.kind.value));
  });

  it("lists the image's student-side runners from the kinds, with the common ones first", () => {
    const runners = studentRunnersOf(STANDARD_KINDS).map((r) => r.file);
    expect(runners[0]).toBe('clear-files-runner.js');
    expect(runners).toEqual(expect.arrayContaining(['sql-runner.js', 'pg-runner.js', 'rest-runner.js', 'injection-runner.js']));
    // Each bundle once, in the order the kinds name them (secure-auth shares rest-endpoint's runner).
    expect(runners).toEqual([...new Set(['clear-files-runner.js', ...STANDARD_KINDS.flatMap((k) => k.studentRunners.map((r) => r.file))])]);
    expect(studentRunnersOf(STANDARD_KINDS).find((r) => r.file === 'pg-runner.js')?.source).toBe('sandbox-images/node/harness/src/kinds/sql-query/student/pg-runner.ts');
  });

  it('refuses two kinds that give one runner name to different programs', () => {
    const clash = { ...STANDARD_KINDS[0], name: 'clash', studentRunners: [{ file: 'sql-runner.js', source: 'elsewhere/sql-runner.ts' }] } as AnyKind;
    expect(() => studentRunnersOf([...STANDARD_KINDS, clash])).toThrow('two student runners are called sql-runner.js: sandbox-images/node/harness/src/kinds/sql-query/student/sql-runner.ts and elsewhere/sql-runner.ts');
  });

  it('says so when no registered kind grades a manifest', () => {
    expect(() => runExercise({ kind: 'essay', slug: 'e', limits: { testTimeMs: 1000, memoryMb: 256 }, maxScore: 1, solution: {}, tests: [] }, {} as never)).toThrow('no kind "essay" is registered in this harness');
  });
});
