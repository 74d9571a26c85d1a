import { judgeCandidate, reportPassed, validationCandidates, type ValidationCandidate } from './exercise-validation';
import type { SandboxResult } from './sandbox';
import { sampleManifest } from './testing/sample-manifest';

const manifest = sampleManifest({
  files: [{ path: 'query.sql', starter: 'starter/query.sql' }],
  solution: { 'query.sql': 'solution/query.sql' },
  maxScore: 10,
  knownWrong: [{ dir: 'wrong/no-join', maxScore: 4, why: 'forgets the join' }],
  alternatives: [{ dir: 'alt/cte' }],
  tests: [{ name: 'a', points: 10, dataset: 'd.sql' }],
});

const result = (score: number, verdict: SandboxResult['verdict'] = score === 10 ? 'accepted' : 'tests_failed'): SandboxResult => ({
  protocol: 1,
  verdict,
  score,
  maxScore: 10,
  message: '',
  tests: [{ name: 'a', visibility: 'hidden', status: score === 10 ? 'passed' : 'failed', verdict, score, maxScore: 10, message: 'wrong result' }],
});

describe('validating an exercise', () => {
  const candidates = validationCandidates(manifest);
  const byName = (name: string) => candidates.find((c) => c.name === name) as ValidationCandidate;

  it('grades the reference, each alternative, each known-wrong solution and the starter, with where each must land', () => {
    expect(candidates.map((c) => [c.name, c.expect])).toEqual([
      ['reference', { kind: 'full-marks' }],
      ['alternative alt/cte', { kind: 'full-marks' }],
      ['known-wrong wrong/no-join', { kind: 'at-most', maxScore: 4 }],
      ['starter', { kind: 'below-full' }],
    ]);
    expect(byName('known-wrong wrong/no-join').files).toEqual({ 'query.sql': 'wrong/no-join/query.sql' });
    expect(byName('starter').files).toEqual({ 'query.sql': 'starter/query.sql' });
  });

  it('passes a report only when every candidate lands where its author says', () => {
    const reports = [judgeCandidate(byName('reference'), result(10), 10), judgeCandidate(byName('known-wrong wrong/no-join'), result(4), 10), judgeCandidate(byName('starter'), result(0), 10)];
    expect(reports.map((r) => r.ok)).toEqual([true, true, true]);
    expect(reportPassed(reports)).toBe(true);
    expect(reportPassed([])).toBe(false);
  });

  it('says why a candidate missed its mark, in words the author can act on', () => {
    expect(judgeCandidate(byName('reference'), result(6), 10).problem).toMatch(/^The reference solution scored 6 of 10 \(tests_failed\) but must score full marks; failing: "a": wrong result$/);
    expect(judgeCandidate(byName('alternative alt/cte'), result(0, 'compile_error'), 10).problem).toMatch(/alternative solution alt\/cte scored 0 of 10 \(compile_error\)/);
    expect(judgeCandidate(byName('known-wrong wrong/no-join'), result(10), 10).problem).toBe(
      'The known-wrong solution wrong/no-join scored 10 of 10 (accepted) but may score at most 4: the tests do not catch its mistake (forgets the join)',
    );
    expect(judgeCandidate(byName('starter'), result(10), 10).problem).toMatch(/starter files scored 10 of 10 .*without changing anything/);
  });

  it('never passes a candidate the grader could not grade, not even a known-wrong solution or the starter held under its bound', () => {
    for (const name of ['known-wrong wrong/no-join', 'starter']) {
      const report = judgeCandidate(byName(name), result(0, 'internal_error'), 10);
      expect(report.ok).toBe(false);
      expect(report.problem).toMatch(/^The grader could not grade .*\(internal_error: wrong result\)\. Not a judgement of the solution/);
    }
    // A reference that did not get full marks already says why, with the failing test's message.
    expect(judgeCandidate(byName('reference'), result(0, 'internal_error'), 10).problem).toMatch(/^The reference solution scored 0 of 10 \(internal_error\) but must score full marks; failing: "a": wrong result$/);
  });
});
