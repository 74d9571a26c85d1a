import type { Submission, TestOutcome } from '@grader/contracts';
import { formatDuration, h } from './dom';
import { expectedActualView } from './feedback/expected-actual-view';

const VERDICTS: Record<string, string> = {
  accepted: 'Accepted',
  tests_failed: 'Some tests failed',
  compile_error: 'Did not compile',
  runtime_error: 'Runtime error',
  time_limit_exceeded: 'Time limit exceeded',
  memory_limit_exceeded: 'Memory limit exceeded',
  output_limit_exceeded: 'Output limit exceeded',
  internal_error: 'Grader error',
};

export function verdictLabel(verdict: string | null): string {
  return verdict ? (VERDICTS[verdict] ?? verdict) : '';
}

const STATUS_TEXT: Record<Submission['status'], string> = {
  queued: 'Queued: waiting for a free grader…',
  running: 'Running your tests…',
  graded: 'Graded',
  error: 'Could not be graded',
};

/** What the student was shown of a test that staff see whole. */
const SHOWN_TO_STUDENT: Record<TestOutcome['visibility'], string | null> = {
  visible: null,
  'name-only': 'the student sees its name and the kind of input, not this data',
  hidden: 'hidden from the student: they see only its outcome',
};

/**
 * How a graded submission did, for the banner's colour: every point, some, or none (a banner
 * green at 0/10 told a student the opposite of their grade).
 */
export function scoreTone(submission: Pick<Submission, 'status' | 'score' | 'maxScore'>): 'full' | 'partial' | 'none' | undefined {
  if (submission.status !== 'graded' || submission.score === null || submission.maxScore === null) return undefined;
  if (submission.score >= submission.maxScore && submission.maxScore > 0) return 'full';
  return submission.score > 0 ? 'partial' : 'none';
}

/**
 * The one line a screen reader hears when a submission's status changes (the result block
 * itself is not a live region: its tables would be read again on every update).
 */
export function announcement(submission: Submission): string {
  if (submission.status === 'graded') {
    const passed = submission.tests.filter((t) => t.status === 'passed').length;
    const tests = submission.tests.length > 0 ? `, ${passed} of ${submission.tests.length} test${submission.tests.length === 1 ? '' : 's'} passed` : '';
    return `Graded: ${submission.score} of ${submission.maxScore} points${tests}. ${verdictLabel(submission.verdict)}.`;
  }
  if (submission.status === 'error') return `Could not be graded${submission.message ? `: ${submission.message}` : ''}. This is not your grade.`;
  return STATUS_TEXT[submission.status];
}

/**
 * One test; `forStaff` marks what the student was not shown. `compileErrorAbove`: the
 * submission's compile error is shown once above the tests, so a test it stopped says only that.
 */
export function testItem(test: Pick<TestOutcome, 'name' | 'status' | 'score' | 'maxScore' | 'message' | 'expected' | 'actual'> & Partial<Pick<TestOutcome, 'visibility' | 'verdict'>>, forStaff = false, compileErrorAbove = false): HTMLElement {
  const stopped = compileErrorAbove && test.verdict === 'compile_error';
  const passed = test.status === 'passed';
  const shown = forStaff && test.visibility ? SHOWN_TO_STUDENT[test.visibility] : null;
  return h(
    'li',
    { class: `test ${passed ? 'passed' : 'failed'}` },
    h('div', { class: 'test-head' },
      h('span', { class: 'test-mark', 'aria-hidden': 'true' }, passed ? '✓' : '✗'),
      h('span', { class: 'test-name' }, test.name),
      h('span', { class: 'visually-hidden' }, passed ? ' passed' : ' failed'),
      h('span', { class: 'test-points' }, `${test.score}/${test.maxScore} pts`),
    ),
    shown ? h('p', { class: 'test-visibility muted' }, shown) : null,
    !passed && test.message && !stopped ? h('p', { class: 'test-message' }, test.message) : null,
    stopped ? h('p', { class: 'test-message muted' }, 'Not run: the submission did not compile (above).') : null,
    expectedActualView(test.expected, test.actual),
  );
}

/** Shows how long each pending submission has waited, so a slow queue does not look frozen. */
export function tickElapsed(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('.elapsed[data-since]')) {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(el.dataset.since ?? '')) / 1000));
    el.textContent = Number.isFinite(seconds) ? `${seconds} s so far` : '';
  }
}

/** A submission to an assignment after its due date: how late, and what counts after the penalty. */
function latenessView(submission: Submission): HTMLElement | null {
  const late = submission.assignment;
  if (!late || late.daysLate === 0) return null;
  const counts = late.adjustedScore === null ? '' : ` It counts ${late.adjustedScore}/${submission.maxScore}.`;
  return h('p', { class: 'lateness warning' }, `Submitted ${late.daysLate} day${late.daysLate === 1 ? '' : 's'} late: ${late.penaltyPercent} % off.${counts}`);
}

/** The submission's status while it runs; the score, verdict, time and every test once graded. */
export function resultView(submission: Submission, forStaff = false): HTMLElement {
  const final = submission.status === 'graded' || submission.status === 'error';
  const tone = scoreTone(submission);
  // A compile error explains every test: said once, above them.
  const compileError = submission.verdict === 'compile_error' && Boolean(submission.message);
  const summary = h(
    'p',
    { class: `status status-${submission.status}${tone ? ` score-${tone}` : ''}`, 'data-status': submission.status, ...(tone ? { 'data-score-tone': tone } : {}) },
    h('strong', {}, STATUS_TEXT[submission.status]),
    submission.status === 'graded' ? ` — ${submission.score}/${submission.maxScore} points · ${verdictLabel(submission.verdict)}` : null,
    final ? h('span', { class: 'muted' }, ` · graded in ${formatDuration(submission.startedAt ?? submission.createdAt, submission.finishedAt)}`) : null,
    !final ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    // Updated every second by the page (not announced: a screen reader would hear it tick).
    !final ? h('span', { class: 'elapsed muted', 'aria-hidden': 'true', 'data-since': submission.createdAt }) : null,
  );
  return h(
    'div',
    { class: 'result' },
    summary,
    latenessView(submission),
    submission.message ? h('p', { class: `result-message${compileError ? ' compile-error' : ''}` }, submission.message) : null,
    submission.tests.length > 0 ? h('ul', { class: 'tests', 'aria-label': 'Tests' }, submission.tests.map((t) => testItem(t, forStaff, compileError))) : null,
  );
}
