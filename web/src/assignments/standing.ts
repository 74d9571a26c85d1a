import type { AssignmentDocument } from '@grader/contracts';
import { formatTime, h } from '../dom';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2 days 3 h", "5 h 12 min", "40 min": how long until (or since) a moment, to the minute. */
export function spanText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) {
    const days = Math.floor(abs / DAY);
    const hours = Math.floor((abs % DAY) / HOUR);
    return `${days} day${days === 1 ? '' : 's'}${hours ? ` ${hours} h` : ''}`;
  }
  if (abs >= HOUR) return `${Math.floor(abs / HOUR)} h ${Math.floor((abs % HOUR) / MINUTE)} min`;
  return `${Math.max(1, Math.round(abs / MINUTE))} min`;
}

/** What the late policy says, in a line. */
export function latePolicyText(a: AssignmentDocument): string {
  if (a.late.kind === 'closed') return 'No late submissions.';
  const cost = a.late.penaltyPercentPerDay === 0 ? 'marked late, no penalty' : `${a.late.penaltyPercentPerDay} % off per day late`;
  return `Late submissions for ${a.late.days} day${a.late.days === 1 ? '' : 's'}: ${cost}.`;
}

/** Where the reader stands, with the time left: for a member from their own dates, for staff from the assignment's. */
export function standingView(a: AssignmentDocument, now = Date.now()): HTMLElement {
  const dueAt = a.mine?.dueAt ?? a.dueAt;
  const time = (iso: string) => h('time', { datetime: iso }, formatTime(iso));
  const state = a.mine?.state ?? (now < Date.parse(a.opensAt) ? 'upcoming' : now <= Date.parse(dueAt) ? 'open' : 'closed');
  const badge = h('span', { class: `badge state-${state}` }, state);
  switch (state) {
    case 'upcoming':
      return h('p', { class: 'standing' }, badge, ' Opens ', time(a.opensAt), ` (in ${spanText(Date.parse(a.opensAt) - now)}), due `, time(dueAt), '.');
    case 'open':
      return h('p', { class: 'standing' }, badge, ' Due ', time(dueAt), ` (${spanText(Date.parse(dueAt) - now)} left)`, a.mine?.extended ? ', your extension' : '', '.');
    case 'late':
      return h('p', { class: 'standing' }, badge, ' Was due ', time(dueAt), ` (${spanText(now - Date.parse(dueAt))} ago); late work is taken until `, time(a.mine!.closesAt!), '.');
    case 'closed':
      return h('p', { class: 'standing' }, badge, ' Closed; it was due ', time(dueAt), '.');
  }
}
