import type { CandidateReportDocument as CandidateReport, ValidationReport } from '@grader/contracts';
import { formatTime, h } from '../dom';
import { testItem, verdictLabel } from '../result-view';

const ROLE_TEXT: Record<CandidateReport['role'], string> = {
  reference: 'Reference solution',
  alternative: 'Alternative solution',
  'known-wrong': 'Known-wrong solution',
  starter: 'Starter files',
};

/** The candidate's folder, e.g. "wrong/no-404" of "known-wrong wrong/no-404". */
const folderOf = (c: CandidateReport) => c.candidate.replace(/^(alternative|known-wrong) /, '');

function candidateItem(c: CandidateReport): HTMLElement {
  const title = c.role === 'reference' || c.role === 'starter' ? ROLE_TEXT[c.role] : `${ROLE_TEXT[c.role]} ${folderOf(c)}`;
  return h('li', { class: `candidate ${c.ok ? 'ok' : 'bad'}`, 'data-candidate': c.candidate },
    h('div', { class: 'test-head' },
      h('span', { class: 'test-mark', 'aria-hidden': 'true' }, c.ok ? '✓' : '✗'),
      h('span', { class: 'test-name' }, title),
      h('span', { class: 'visually-hidden' }, c.ok ? ' as expected' : ' not as expected'),
      h('span', { class: 'test-points' }, `${c.score}/${c.maxScore} · ${verdictLabel(c.verdict)}`),
    ),
    h('p', { class: 'muted expectation' }, `Must score ${c.expectation}.`),
    c.problem ? h('p', { class: 'error problem' }, c.problem) : null,
    c.tests.length > 0
      ? h('details', { open: !c.ok },
          h('summary', {}, `Its tests (${c.tests.filter((t) => t.status === 'passed').length} of ${c.tests.length} passed)`),
          h('ul', { class: 'tests' }, c.tests.map((t) => testItem(t))),
        )
      : h('p', { class: 'test-message' }, c.message),
  );
}

/**
 * A validation's report: every solution the package ships, where it had to land and where
 * it did; for those that missed, why, and each of its tests with expected and actual output
 * (the instructor sees hidden tests too).
 */
export function validationReportView(v: ValidationReport): HTMLElement {
  const failed = v.candidates?.filter((c) => !c.ok).length ?? 0;
  const headline =
    v.status === 'queued'
      ? h('p', { class: 'status', 'data-validation': v.status }, h('strong', {}, 'Validating…'), ' each solution of the package runs in the sandbox, one after another.', h('span', { class: 'spinner', 'aria-hidden': 'true' }))
      : v.status === 'passed'
        ? h('p', { class: 'status status-graded', 'data-validation': v.status }, h('strong', {}, 'Validation passed:'), ' every solution landed where it must. The draft can be published.')
        : v.status === 'failed'
          ? h('p', { class: 'status status-error', 'data-validation': v.status }, h('strong', {}, 'Validation failed:'), ` ${failed} of ${v.candidates?.length ?? 0} solutions did not land where they must. Fix the package, save and validate again.`)
          : h('p', { class: 'status status-error', 'data-validation': v.status }, h('strong', {}, 'Validation could not finish:'), ` ${v.error ?? 'the grader failed'}`);
  return h('div', { class: 'validation-report' },
    headline,
    !v.upToDate ? h('p', { class: 'warning' }, 'This report is for earlier contents of the draft; validate again to publish.') : null,
    v.finishedAt ? h('p', { class: 'muted' }, `Finished ${formatTime(v.finishedAt)}.`) : null,
    v.candidates ? h('ul', { class: 'tests candidates', 'aria-label': 'Solutions checked' }, v.candidates.map(candidateItem)) : null,
  );
}
