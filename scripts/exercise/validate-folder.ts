import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { candidateSubmission, judgeCandidate, reportPassed, SANDBOX_PROTOCOL, validationCandidates, type CandidateReport } from '@grader/contracts';
import { loadExerciseFolder } from '../../api/src/exercises/exercise-package';
import { runSandbox } from '../../worker/src/sandbox/run-sandbox';

/**
 * Validates an exercise folder with the local Docker engine, as a worker validates a draft:
 * each candidate (reference, alternatives, known-wrong, starter) graded in a fresh sandbox.
 * No API, Redis or database is involved.
 */
export async function validateFolder(
  dir: string,
  options: { dockerSocket: string; imagePrefix: string; onCandidate?: (report: CandidateReport) => void },
): Promise<{ slug: string; candidates: CandidateReport[]; passed: boolean }> {
  const pkg = loadExerciseFolder(dir);
  const docker = new Docker({ socketPath: options.dockerSocket });
  const image = `${options.imagePrefix}${pkg.manifest.runtime}`;
  await docker
    .getImage(image)
    .inspect()
    .catch(() => {
      throw new Error(`the sandbox image ${image} is missing: run \`npm run provision\``);
    });
  const candidates: CandidateReport[] = [];
  for (const candidate of validationCandidates(pkg.manifest)) {
    const run = await runSandbox(docker, {
      image,
      submissionId: randomUUID(),
      input: { protocol: SANDBOX_PROTOCOL, manifest: pkg.manifest, exerciseFiles: pkg.files, submission: candidateSubmission(candidate, pkg.files) },
    });
    const report = judgeCandidate(candidate, run.result, pkg.manifest.maxScore);
    options.onCandidate?.(report);
    candidates.push(report);
  }
  return { slug: pkg.manifest.slug, candidates, passed: reportPassed(candidates) };
}
