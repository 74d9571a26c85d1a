import { markDatabaseErrorText, type CallOutcome, type RunnerReport } from './call-outcome';

/**
 * A report line of the injection runner (after its nonce's marker), checked: a load error,
 * or the calls' outcomes with the SQL texts each prepared. Undefined when the line is not a
 * report (a grader bug, or the student's output that broke the protocol). Read the same way
 * from a one-shot runner (runner-outcome.ts) and from a session (generated/session.ts).
 */
export function parseReport(line: string): RunnerReport | undefined {
  try {
    const report = JSON.parse(line) as { kind?: unknown; message?: unknown; outcomes?: unknown; sql?: unknown; engineErrors?: unknown };
    if (report.kind === 'load-error' && typeof report.message === 'string') return { kind: 'load-error', message: report.message };
    if (report.kind !== 'calls' || !Array.isArray(report.outcomes)) return undefined;
    // The Python runner passes each outcome on as the JSON text the student's thread wrote (its main thread parses nothing of theirs).
    const outcomes = report.outcomes.map((o: unknown) => (typeof o === 'string' ? (JSON.parse(o) as unknown) : o));
    if (!outcomes.every(isOutcome)) return undefined;
    const sql = stringLists(report.sql);
    // The database's error messages, recorded where the code cannot reach (the Python runner's recorder): marked here.
    const errors = stringLists(report.engineErrors);
    const marked = errors ? outcomes.map((o, i) => markDatabaseErrorText(o, errors[i] ?? [])) : outcomes;
    return { kind: 'calls', outcomes: marked, ...(sql && { sql }) };
  } catch {
    // Not a report after all.
  }
  return undefined;
}

function stringLists(value: unknown): string[][] | undefined {
  return Array.isArray(value) && value.every((texts) => Array.isArray(texts) && texts.every((t) => typeof t === 'string')) ? (value as string[][]) : undefined;
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
