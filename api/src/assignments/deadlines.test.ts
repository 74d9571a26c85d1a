import fc from 'fast-check';
import { adjustedScore, standingAt, type AssignmentDates } from './deadlines';

const dates = (late: AssignmentDates['late']): AssignmentDates => ({ opensAt: '2026-12-01T08:00:00.000Z', dueAt: '2026-12-10T23:59:00.000Z', late });
const at = (iso: string) => new Date(iso);
const tenPercent = dates({ kind: 'accepted', days: 3, penaltyPercentPerDay: 10 });

describe('where a student stands', () => {
  it('is upcoming before the opening, and open from it up to and including the due date', () => {
    expect(standingAt(tenPercent, at('2026-12-01T07:59:59.999Z')).state).toBe('upcoming');
    expect(standingAt(tenPercent, at('2026-12-01T08:00:00.000Z')).state).toBe('open');
    expect(standingAt(tenPercent, at('2026-12-10T23:59:00.000Z'))).toEqual({ state: 'open', dueAt: '2026-12-10T23:59:00.000Z', closesAt: '2026-12-13T23:59:00.000Z', daysLate: 0, penaltyPercent: 0 });
  });

  it('counts every started day late: a minute late is one day, a day and a minute two', () => {
    expect(standingAt(tenPercent, at('2026-12-11T00:00:00.000Z'))).toMatchObject({ state: 'late', daysLate: 1, penaltyPercent: 10 });
    expect(standingAt(tenPercent, at('2026-12-11T23:59:00.000Z'))).toMatchObject({ state: 'late', daysLate: 1, penaltyPercent: 10 });
    expect(standingAt(tenPercent, at('2026-12-12T00:00:00.000Z'))).toMatchObject({ state: 'late', daysLate: 2, penaltyPercent: 20 });
  });

  it('closes at the end of the late period, and at the due date when late work is closed', () => {
    expect(standingAt(tenPercent, at('2026-12-13T23:59:00.000Z'))).toMatchObject({ state: 'late', daysLate: 3, penaltyPercent: 30 });
    expect(standingAt(tenPercent, at('2026-12-13T23:59:00.001Z')).state).toBe('closed');
    const closed = dates({ kind: 'closed' });
    expect(standingAt(closed, at('2026-12-10T23:59:00.000Z')).state).toBe('open');
    expect(standingAt(closed, at('2026-12-10T23:59:00.001Z'))).toEqual({ state: 'closed', dueAt: '2026-12-10T23:59:00.000Z', closesAt: null, daysLate: 0, penaltyPercent: 0 });
  });

  it('runs from an extension’s due date: on time until it, then late by the same rule', () => {
    expect(standingAt(tenPercent, at('2026-12-12T12:00:00.000Z'), '2026-12-14T23:59:00.000Z')).toMatchObject({ state: 'open', dueAt: '2026-12-14T23:59:00.000Z', closesAt: '2026-12-17T23:59:00.000Z' });
    expect(standingAt(tenPercent, at('2026-12-15T01:00:00.000Z'), '2026-12-14T23:59:00.000Z')).toMatchObject({ state: 'late', daysLate: 1 });
  });

  it('never takes more than the whole score, and a zero-percent policy only marks lateness', () => {
    const steep = dates({ kind: 'accepted', days: 10, penaltyPercentPerDay: 40 });
    expect(standingAt(steep, at('2026-12-14T00:00:00.000Z'))).toMatchObject({ daysLate: 4, penaltyPercent: 100 });
    const markOnly = dates({ kind: 'accepted', days: 2, penaltyPercentPerDay: 0 });
    expect(standingAt(markOnly, at('2026-12-11T10:00:00.000Z'))).toMatchObject({ state: 'late', daysLate: 1, penaltyPercent: 0 });
  });

  it('has a penalty that never falls as time passes, between 0 and 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 86_400_000 }), fc.integer({ min: 0, max: 20 * 86_400_000 }), (a, b) => {
        const [early, later] = [Math.min(a, b), Math.max(a, b)];
        const start = Date.parse('2026-12-01T08:00:00.000Z');
        const first = standingAt(tenPercent, new Date(start + early));
        const second = standingAt(tenPercent, new Date(start + later));
        expect(first.penaltyPercent).toBeGreaterThanOrEqual(0);
        expect(second.penaltyPercent).toBeLessThanOrEqual(100);
        if (second.state !== 'closed') expect(second.penaltyPercent).toBeGreaterThanOrEqual(first.penaltyPercent);
      }),
    );
  });
});

describe('a score less its late penalty', () => {
  it('is exact to two decimals', () => {
    expect(adjustedScore(9, 10)).toBe(8.1);
    expect(adjustedScore(10, 0)).toBe(10);
    expect(adjustedScore(10, 100)).toBe(0);
    expect(adjustedScore(7, 33)).toBe(4.69);
  });
});
