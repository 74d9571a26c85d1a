import type { CandidateReport } from '@grader/contracts';

/** A validation report as terminal lines: one per candidate, its failing tests under it, then the verdict. */
export function formatReport(candidates: readonly CandidateReport[]): string {
  const lines: string[] = [];
  for (const c of candidates) {
    lines.push(`${c.ok ? '✓' : '✗'} ${c.candidate}: ${c.score}/${c.maxScore} (${c.verdict}); expected ${c.expectation}`);
    if (c.ok) continue;
    lines.push(`    ${c.problem}`);
    // What a solution that should pass got wrong; a known-wrong or starter's failures are expected.
    if (c.expected.kind !== 'full-marks') continue;
    for (const t of c.tests) {
      if (t.status !== 'passed') lines.push(`    · ${t.name}: ${t.status}, ${t.message.split('\n')[0]}`);
    }
  }
  const failed = candidates.filter((c) => !c.ok).length;
  lines.push(failed === 0 ? `PASSED: all ${candidates.length} candidates landed where expected` : `FAILED: ${failed} of ${candidates.length} candidates did not`);
  return lines.join('\n');
}
