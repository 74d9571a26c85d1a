import { z } from 'zod';
import { solutionFolderFiles, type ExerciseManifest } from './manifest';
import { TestStatus, type SandboxResult } from './sandbox';
import { SubmittedPath } from './submitted-files';
import { Verdict } from './verdicts';
import { LIMITS } from './limits';

/**
 * Validation of an exercise before it is published: every solution the package ships is
 * graded in the real sandbox, and each must land where its author says it lands. This is
 * CodeRunner's validate-on-save and DOMjudge's expected results, for whole exercises:
 * - the reference solution scores full marks (the tests can be passed);
 * - every alternative scores full marks (the tests accept other correct ways);
 * - every known-wrong solution scores at most its maxScore (the tests catch that mistake);
 * - the starter files do not score full marks (nobody passes by submitting nothing);
 * - the reference, graded twice, is graded alike (the generated checks compare students with it).
 */

export const CandidateRole = z.enum(['reference', 'alternative', 'known-wrong', 'starter']);
export type CandidateRole = z.infer<typeof CandidateRole>;

/** Where a candidate's score must land. */
export const Expectation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full-marks') }),
  z.object({ kind: z.literal('at-most'), maxScore: z.number().int().min(0) }),
  z.object({ kind: z.literal('below-full') }),
]);
export type Expectation = z.infer<typeof Expectation>;

/** One submission to grade while validating, named by package paths (the worker has the package). */
export const ValidationCandidate = z.object({
  /** `reference`, `starter`, or the role and folder, e.g. `known-wrong wrong/no-404`. */
  name: z.string().min(1).max(300),
  role: CandidateRole,
  /** Submitted path → package path of the file submitted under that name. */
  files: z.record(SubmittedPath, z.string().min(1).max(300)),
  expect: Expectation,
  /** A known-wrong solution's mistake, as its author described it. */
  why: z.string().max(500).optional(),
});
export type ValidationCandidate = z.infer<typeof ValidationCandidate>;

export const CandidateTestReport = z.object({
  name: z.string(),
  status: TestStatus,
  verdict: Verdict,
  score: z.number().min(0),
  maxScore: z.number().min(0),
  message: z.string().max(LIMITS.text.reportChars),
  expected: z.string().max(LIMITS.text.reportChars).optional(),
  actual: z.string().max(LIMITS.text.reportChars).optional(),
});

export const CandidateReport = z.object({
  candidate: z.string(),
  role: CandidateRole,
  expected: Expectation,
  /** The expectation in words, e.g. "at most 4 of 10". */
  expectation: z.string(),
  score: z.number().min(0),
  maxScore: z.number().min(0),
  verdict: Verdict,
  message: z.string().max(LIMITS.text.resultMessageChars),
  /** Whether the score landed where it must. */
  ok: z.boolean(),
  /** Why not, in a sentence the author can act on; absent when ok. */
  problem: z.string().optional(),
  tests: z.array(CandidateTestReport),
});
export type CandidateReport = z.infer<typeof CandidateReport>;

/** What a validation ends with: every candidate's report, or why it could not be completed. Never a partial report. */
export const ValidationOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('complete'), candidates: z.array(CandidateReport).min(1) }),
  z.object({ status: z.literal('error'), reason: z.string().max(LIMITS.text.reasonChars) }),
]);
export type ValidationOutcome = z.infer<typeof ValidationOutcome>;

/** Every solution a package ships, with where its score must land. */
export function validationCandidates(manifest: ExerciseManifest): ValidationCandidate[] {
  return [
    { name: 'reference', role: 'reference', files: { ...manifest.solution }, expect: { kind: 'full-marks' } },
    ...(manifest.alternatives ?? []).map(
      (a): ValidationCandidate => ({ name: `alternative ${a.dir}`, role: 'alternative', files: solutionFolderFiles(manifest, a.dir), expect: { kind: 'full-marks' } }),
    ),
    ...(manifest.knownWrong ?? []).map(
      (w): ValidationCandidate => ({
        name: `known-wrong ${w.dir}`,
        role: 'known-wrong',
        files: solutionFolderFiles(manifest, w.dir),
        expect: { kind: 'at-most', maxScore: w.maxScore },
        why: w.why,
      }),
    ),
    { name: 'starter', role: 'starter', files: Object.fromEntries(manifest.files.map((f) => [f.path, f.starter])), expect: { kind: 'below-full' } },
  ];
}

/** The candidate's submission: each submitted path with the package file's text. */
export function candidateSubmission(candidate: ValidationCandidate, packageFiles: Record<string, string>): Record<string, string> {
  const submission: Record<string, string> = {};
  for (const [submitted, packagePath] of Object.entries(candidate.files)) {
    const text = packageFiles[packagePath];
    if (text === undefined) throw new Error(`${candidate.name}: the package has no ${packagePath}`);
    submission[submitted] = text;
  }
  return submission;
}

function inWords(expect: Expectation, maxScore: number): string {
  switch (expect.kind) {
    case 'full-marks':
      return `full marks (${maxScore} of ${maxScore})`;
    case 'at-most':
      return `at most ${expect.maxScore} of ${maxScore}`;
    case 'below-full':
      return `less than full marks (below ${maxScore})`;
  }
}

const clip = (text: string | undefined) => (text === undefined ? undefined : text.length > LIMITS.text.reportChars ? `${text.slice(0, LIMITS.text.reportChars - 1)}…` : text);

/** Judges one candidate's result against its expectation; `maxScore` is the exercise's. */
export function judgeCandidate(candidate: ValidationCandidate, result: SandboxResult, maxScore: number): CandidateReport {
  const scored = `scored ${result.score} of ${maxScore} (${result.verdict})`;
  const failing = result.tests.filter((t) => t.status !== 'passed').map((t) => `"${t.name}": ${t.message}`);
  let problem: string | undefined;
  switch (candidate.expect.kind) {
    case 'full-marks':
      if (result.verdict !== 'accepted' || result.score < maxScore) {
        const who = candidate.role === 'reference' ? 'The reference solution' : `The alternative solution ${candidate.name.replace(/^alternative /, '')}`;
        problem = `${who} ${scored} but must score full marks; failing: ${failing.join('; ') || result.message}`;
      }
      break;
    case 'at-most':
      if (result.score > candidate.expect.maxScore || result.score >= maxScore) {
        problem =
          `The known-wrong solution ${candidate.name.replace(/^known-wrong /, '')} ${scored} but may score at most ${candidate.expect.maxScore}: ` +
          `the tests do not catch its mistake${candidate.why ? ` (${candidate.why})` : ''}`;
      }
      break;
    case 'below-full':
      if (result.score >= maxScore) problem = `The starter files ${scored}: a student would get full marks without changing anything`;
      break;
  }
  // A grader failure judges nothing: a known-wrong solution or a starter "held under its bound"
  // by an internal error would pass validation while the tests catch nothing.
  const graderFailure = result.tests.find((t) => t.verdict === 'internal_error') ?? (result.verdict === 'internal_error' ? result : undefined);
  if (graderFailure && problem === undefined) {
    problem =
      `The grader could not grade ${candidate.name} (internal_error: ${graderFailure.message}). Not a judgement of the solution: ` +
      'an image older than the exercise (run npm run provision), or a defect of the exercise (a dataset, the tests module)';
  }
  return {
    candidate: candidate.name,
    role: candidate.role,
    expected: candidate.expect,
    expectation: inWords(candidate.expect, maxScore),
    score: result.score,
    maxScore,
    verdict: result.verdict,
    message: result.message.slice(0, LIMITS.text.resultMessageChars),
    ok: problem === undefined,
    ...(problem !== undefined ? { problem: clipProblem(problem) } : {}),
    // The author sees every test whole, as staff do: the feedback kept for staff where there is one.
    tests: result.tests.map((t) => {
      const whole = t.staff ?? t;
      return {
        name: t.name,
        status: t.status,
        verdict: t.verdict,
        score: t.score,
        maxScore: t.maxScore,
        message: clip(whole.message)!,
        ...(whole.expected !== undefined ? { expected: clip(whole.expected) } : {}),
        ...(whole.actual !== undefined ? { actual: clip(whole.actual) } : {}),
      };
    }),
  };
}

/**
 * Where the reference solution, graded twice, was not graded alike: a reference whose answers
 * depend on the clock, randomness or order of events makes the generated checks (which compare
 * students with it) unfair. Undefined when both gradings agree test by test.
 */
export function nondeterminismOf(first: SandboxResult, second: SandboxResult): string | undefined {
  const differing = first.tests
    .map((t, i) => ({ t, again: second.tests[i] }))
    .filter(({ t, again }) => !again || again.status !== t.status || again.verdict !== t.verdict || again.message !== t.message)
    .map(({ t, again }) => `"${t.name}" ${t.status} then ${again?.status ?? 'missing'}${again && again.message !== t.message ? ` ("${t.message.slice(0, 200)}" then "${again.message.slice(0, 200)}")` : ''}`);
  if (differing.length === 0 && first.tests.length === second.tests.length) return undefined;
  return `The reference solution is not deterministic: graded twice, ${differing.join('; ') || 'the tests differ'}. Its answers must not depend on the clock, randomness or timing, or the generated checks cannot judge students by it.`;
}

/** A reference's report with the problem of a second grading that did not agree with the first. */
export function withNondeterminism(report: CandidateReport, problem: string | undefined): CandidateReport {
  if (!problem) return report;
  const combined = report.problem ? `${report.problem}; ${problem}` : problem;
  return { ...report, ok: false, problem: clipProblem(combined) };
}

/** A candidate's problem, cut with an ellipsis at its cap. */
function clipProblem(problem: string): string {
  const max = LIMITS.text.problemChars;
  return problem.length > max ? `${problem.slice(0, max - 1)}…` : problem;
}

/** A complete report passes when every candidate landed where it must. */
export function reportPassed(candidates: readonly CandidateReport[]): boolean {
  return candidates.length > 0 && candidates.every((c) => c.ok);
}
