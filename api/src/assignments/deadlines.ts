import type { LatePolicy } from '@grader/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An assignment's dates as its store keeps them (ISO 8601). */
export interface AssignmentDates {
  opensAt: string;
  dueAt: string;
  late: LatePolicy;
}

/** Where one student stands at one moment. */
export interface Standing {
  state: 'upcoming' | 'open' | 'late' | 'closed';
  /** The student's due date: their extension's, else the assignment's. */
  dueAt: string;
  /** The end of the late period; null when late work is closed. */
  closesAt: string | null;
  /** Started days past the due date (1 for a minute late); 0 before it. */
  daysLate: number;
  /** What a submission made now loses: daysLate × the policy's percent a day, at most 100. */
  penaltyPercent: number;
}

/**
 * Where a student stands at `at`: before the opening nothing is taken; up to and including the
 * due date (theirs when extended) a submission is on time; then, when the policy takes late
 * work, each started day costs its percentage (as Gradescope's and PrairieLearn's per-day late
 * deductions do), until the late period ends; after that nothing is taken.
 */
export function standingAt(dates: AssignmentDates, at: Date, extendedDueAt?: string): Standing {
  const dueAt = extendedDueAt ?? dates.dueAt;
  const due = Date.parse(dueAt);
  const closes = dates.late.kind === 'accepted' ? due + dates.late.days * DAY_MS : null;
  const closesAt = closes === null ? null : new Date(closes).toISOString();
  const base = { dueAt: new Date(due).toISOString(), closesAt, daysLate: 0, penaltyPercent: 0 };
  const now = at.getTime();
  if (now < Date.parse(dates.opensAt)) return { ...base, state: 'upcoming' };
  if (now <= due) return { ...base, state: 'open' };
  if (closes === null || now > closes || dates.late.kind !== 'accepted') return { ...base, state: 'closed' };
  const daysLate = Math.ceil((now - due) / DAY_MS);
  return { ...base, state: 'late', daysLate, penaltyPercent: Math.min(100, daysLate * dates.late.penaltyPercentPerDay) };
}

/** A score less a late penalty, to two decimals (a spreadsheet's view of 8.1, not 8.100000000000001). */
export function adjustedScore(score: number, penaltyPercent: number): number {
  return Math.round(score * (100 - penaltyPercent)) / 100;
}
