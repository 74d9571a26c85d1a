import { runExercise, STANDARD_KINDS, studentRunnersOf, type AnyKind } from './registry';

describe('the kinds registry', () => {
  it('registers a plug-in for each kind of the shared manifest', () => {
    expect(STANDARD_KINDS.map((k) => k.name)).toEqual(['sql-query', 'rest-endpoint', 'injection-prevention']);
  });

  it("lists the image's student-side runners from the kinds, with the common ones first", () => {
    expect(studentRunnersOf(STANDARD_KINDS).map((r) => r.file)).toEqual(['clear-files-runner.js', 'sql-runner.js', 'pg-runner.js', 'rest-runner.js', 'injection-runner.js']);
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
