import { PG_TYPES, pgValue } from './pg-values';

describe('pgValue', () => {
  it('reads integers and numerics as numbers, so numeric 12.50 equals 12.5', () => {
    expect(pgValue('42', PG_TYPES.int4)).toBe(42);
    expect(pgValue('9007199254740993', PG_TYPES.int8)).toBe(9007199254740992);
    expect(pgValue('12.50', PG_TYPES.numeric)).toBe(12.5);
    expect(pgValue('1.5e-7', PG_TYPES.float8)).toBe(1.5e-7);
  });

  it('tags NaN and the infinities', () => {
    expect(pgValue('NaN', PG_TYPES.numeric)).toEqual({ real: 'NaN' });
    expect(pgValue('-Infinity', PG_TYPES.float8)).toEqual({ real: '-Infinity' });
  });

  it('reads booleans, bytea and NULL', () => {
    expect(pgValue('t', PG_TYPES.bool)).toBe(true);
    expect(pgValue('f', PG_TYPES.bool)).toBe(false);
    expect(pgValue('\\x00FF', PG_TYPES.bytea)).toEqual({ blob: '00ff' });
    expect(pgValue(null, PG_TYPES.int4)).toBeNull();
  });

  it('keeps dates, timestamps, intervals and everything else as the text PostgreSQL prints', () => {
    expect(pgValue('2024-03-01', 1082)).toBe('2024-03-01');
    expect(pgValue('3 days 04:00:00', 1186)).toBe('3 days 04:00:00');
    expect(pgValue('{1,2}', 1007)).toBe('{1,2}');
  });
});
