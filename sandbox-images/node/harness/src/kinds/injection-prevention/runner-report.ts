import type { CallOutcome, RunnerReport } from './call-outcome';

/**
 * A report line of the injection runner (after its nonce's marker), checked: a load error,
 * or the calls' outcomes with the SQL texts each prepared. Undefined when the line is not a
 * report (a grader bug, or the student's output that broke the protocol). Read the same way
 * from a one-shot runner (runner-outcome.ts) and from a session (generated/session.ts).
 */
export function parseReport(line: string): RunnerReport | undefined {
  try {
    const report = JSON.parse(line) as RunnerReport;
    if (report.kind === 'load-error' && typeof report.message === 'string') return report;
    if (report.kind === 'calls' && Array.isArray(report.outcomes) && report.outcomes.every(isOutcome)) {
      const sql = Array.isArray(report.sql) && report.sql.every((texts) => Array.isArray(texts) && texts.every((t) => typeof t === 'string')) ? report.sql : undefined;
      return { kind: 'calls', outcomes: report.outcomes, ...(sql && { sql }) };
    }
  } catch {
    // Not a report after all.
  }
  return undefined;
}

/** Whether a value is a call's outcome as the runner reports it. */
export function isOutcome(value: unknown): value is CallOutcome {
  const o = value as { kind?: unknown; name?: unknown; message?: unknown; exported?: unknown; reason?: unknown } | null;
  if (!o || typeof o !== 'object') return false;
  switch (o.kind) {
    case 'returned':
      return 'value' in o;
    case 'threw':
      return typeof o.name === 'string' && typeof o.message === 'string';
    case 'missing':
      return Array.isArray(o.exported) && o.exported.every((e) => typeof e === 'string');
    case 'unserializable':
      return typeof o.reason === 'string';
    default:
      return false;
  }
}
