import { SandboxResult } from '@grader/contracts';
import { sampleManifest } from '@grader/contracts/src/testing/sample-manifest';
import { memoryExceededResult, wallTimeExceededResult } from './synthesized-results';

const manifest = sampleManifest();

describe('synthesized results', () => {
  it('marks every test an error with no points when the wall deadline stopped the run', () => {
    const result = SandboxResult.parse(wallTimeExceededResult(manifest, 14_000));
    expect(result).toMatchObject({ verdict: 'time_limit_exceeded', score: 0, maxScore: 3 });
    expect(result.tests.map((t) => [t.name, t.status, t.verdict, t.score, t.maxScore, t.visibility])).toEqual([
      ['a', 'error', 'time_limit_exceeded', 0, 1, 'visible'],
      ['b', 'error', 'time_limit_exceeded', 0, 2, 'hidden'],
    ]);
  });

  it('names the memory limit when the kernel killed the sandbox', () => {
    const result = SandboxResult.parse(memoryExceededResult(manifest));
    expect(result.verdict).toBe('memory_limit_exceeded');
    expect(result.message).toContain('256 MiB');
  });
});
