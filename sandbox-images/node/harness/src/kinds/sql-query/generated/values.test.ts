import { fromSeconds, offsetSeconds, toSeconds } from './values';

describe('generated times', () => {
  it('read and write a fraction of a second, and whole seconds as before', () => {
    expect(toSeconds('2024-02-29 23:59:59.5') - toSeconds('2024-02-29 23:59:59')).toBe(0.5);
    expect(fromSeconds(toSeconds('2024-02-29 23:59:59.5'), 'timestamp')).toBe('2024-02-29 23:59:59.500');
    expect(fromSeconds(toSeconds('2024-02-29 23:59:59'), 'timestamp')).toBe('2024-02-29 23:59:59');
    expect(fromSeconds(toSeconds('2024-03-01'), 'date')).toBe('2024-03-01');
    expect(toSeconds('2024-02-29 23:59')).toBe(toSeconds('2024-02-29 23:59:00'));
    expect(toSeconds('not a time')).toBeNaN();
  });

  it('take offsets with a fraction of a second', () => {
    expect(offsetSeconds('30 days 0.5 seconds')).toBe(30 * 86_400 + 0.5);
    expect(offsetSeconds('-1 second')).toBe(-1);
    expect(fromSeconds(toSeconds('2024-01-31 10:00:00') + offsetSeconds('30 days 0.5 seconds'), 'timestamp')).toBe('2024-03-01 10:00:00.500');
  });
});
