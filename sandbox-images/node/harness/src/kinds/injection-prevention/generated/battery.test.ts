import fc from 'fast-check';
import type { InjectionPayloadClass } from '../../../contracts';
import { canonicalCases, caseArbitrary, payloadArbitrary, targetKey, targetsOf, type BatteryContext } from './battery';
import { keyword } from './grammars';

const ctx: BatteryContext = {
  marker: 'zqbcdfghjk',
  numericMarker: '912345678',
  functions: { findUser: ['username', 'password'], usersWithRole: ['role'], changeEmail: ['userId', 'email'] },
  ordinary: { username: ['alice'], password: ['wonderland'], role: ['customer', 'nobody'], userId: ['3', undefined], email: ['a@b.test'] },
  texts: ['admin', 'alice', 'customer'],
  tables: [
    { name: 'users', columns: ['id', 'username', 'password_hash', 'role'], textColumns: ['username', 'password_hash', 'role'] },
    { name: 'api_tokens', columns: ['user_id', 'token'], textColumns: ['token'] },
  ],
  arity: { usersWithRole: 2 },
};

const sample = (c: InjectionPayloadClass, param = 'role', fn = 'usersWithRole', numRuns = 300): string[] => fc.sample(payloadArbitrary(c, param, fn, ctx), { seed: 11, numRuns });

describe('the payload grammars', () => {
  it.each(['plain-text', 'tautology', 'union-select', 'stacked-query', 'comment-truncation', 'blind-boolean', 'order-by'] as const)(
    'put the taint marker in every %s payload',
    (c) => {
      for (const payload of sample(c)) expect(payload.toLowerCase()).toContain(ctx.marker);
    },
  );

  it('store payloads that carry the marker, or wildcards that must match real data', () => {
    const stored = sample('second-order');
    for (const payload of stored) expect({ payload, ok: payload.toLowerCase().includes(ctx.marker) || /[%_*?[\\]/.test(payload) }).toEqual({ payload, ok: true });
    expect(stored.some((p) => !p.includes(ctx.marker))).toBe(true);
  });

  it('write keywords in any letter case and spaces in several ways, upper case when shrunk', () => {
    const payloads = sample('tautology');
    expect(payloads.some((p) => /'\s*OR\s/.test(p))).toBe(true);
    expect(payloads.some((p) => /\b(or|oR|Or)\b/.test(p))).toBe(true);
    expect(payloads.some((p) => p.includes('/**/'))).toBe(true);
    expect(payloads.some((p) => /^\d+\s+or\s/i.test(p))).toBe(true); // a number pasted without quotes
    expect(fc.sample(keyword('union'), { seed: 1, numRuns: 50 }).every((k) => k.toLowerCase() === 'union')).toBe(true);
  });

  it("take a UNION SELECT to the width of the reference's rows, from the schema's tables", () => {
    const widths = sample('union-select').map((p) => /SELECT\s+(.*?)\s+FROM/is.exec(p)?.[1]?.split(',').length);
    expect(widths.filter((w) => w === 2).length).toBeGreaterThan(widths.length / 2);
    expect(sample('union-select').some((p) => /password_hash|token/.test(p))).toBe(true);
  });

  it('repeat wildcards and put them in place of letters of an ordinary value, without a marker', () => {
    const like = sample('like-wildcard');
    expect(like).toEqual(expect.arrayContaining(['%', '%%', '__']));
    expect(like.some((p) => /^c.*[%_].*r$|^cus/.test(p) && p !== 'customer')).toBe(true);
    expect(like.every((p) => !p.includes(ctx.marker))).toBe(true);
    expect(sample('glob-wildcard').some((p) => /[*?[]/.test(p))).toBe(true);
  });

  it('double and backslash quotes, and use control characters (ASCII only)', () => {
    expect(sample('quote', 'username', 'findUser').some((p) => p.includes("''"))).toBe(true);
    expect(sample('quote', 'username', 'findUser').some((p) => p.includes("\\'"))).toBe(true);
    const control = sample('control-character');
    expect(control.some((p) => p.includes('\n'))).toBe(true);
    expect(control.every((p) => ![...p].some((ch) => ch.charCodeAt(0) > 0x7f || ch === '\u0000'))).toBe(true);
  });

  it('give the same inputs for the same seed', () => {
    expect(sample('union-select')).toEqual(sample('union-select'));
  });
});

describe('the targets of a check', () => {
  it('take each parameter with each class, a plain word first, then every text field when everything is attacked', () => {
    const targets = targetsOf({ usersWithRole: ['role'] }, ['tautology', 'plain-text', 'second-order'], ctx.tables);
    expect(targets.map(targetKey)).toEqual([
      'usersWithRole.role/plain-text',
      'usersWithRole.role/tautology',
      'usersWithRole.role/second-order',
      'users.username/second-order',
      'users.password_hash/second-order',
      'users.role/second-order',
      'api_tokens.token/second-order',
    ]);
  });

  it('store a second-order payload through the attacked function, then call every function with ordinary values', () => {
    const [c] = fc.sample(caseArbitrary({ kind: 'parameter', fn: 'changeEmail', param: 'email', class: 'second-order' }, ctx), { seed: 3, numRuns: 1 });
    expect(c!.calls.map((call) => call.fn)).toEqual(['changeEmail', 'findUser', 'usersWithRole', 'changeEmail']);
    expect(c!.calls[0]!.args.email).toBe(c!.payload);
    // An argument left out in the tests is left out here too.
    const ids = fc.sample(caseArbitrary({ kind: 'parameter', fn: 'changeEmail', param: 'email', class: 'tautology' }, ctx), { seed: 5, numRuns: 40 }).map((k) => k.calls[0]!.args.userId);
    expect(ids).toEqual(expect.arrayContaining(['3', undefined]));
  });
});

describe('the classes that attack no SQL', () => {
  it('come last for each parameter, and an ordinary variant is stored in every text field too', () => {
    const targets = targetsOf({ usersWithRole: ['role'] }, ['ordinary-variant', 'inherited-name', 'tautology'], ctx.tables.slice(1));
    expect(targets.map(targetKey)).toEqual(['usersWithRole.role/tautology', 'usersWithRole.role/inherited-name', 'usersWithRole.role/ordinary-variant', 'api_tokens.token/ordinary-variant']);
  });

  it('try names inherited from Object.prototype, unmarked, in the attacked call alone', () => {
    const cases = canonicalCases({ kind: 'parameter', fn: 'usersWithRole', param: 'role', class: 'inherited-name' }, ctx);
    expect(cases.map((c) => c.payload)).toEqual(['constructor', '__proto__', 'toString']);
    expect(cases[0]!.calls).toEqual([{ fn: 'usersWithRole', args: { role: 'constructor' } }]);
  });

  it('give an ordinary variant to the attacked call, then call every function with ordinary values', () => {
    const cases = canonicalCases({ kind: 'parameter', fn: 'changeEmail', param: 'email', class: 'ordinary-variant' }, ctx);
    // Near misses first ('' before all), then the other letter case.
    expect(cases[0]!.payload).toBe('');
    expect(cases.map((c) => c.payload)).toContain('A@B.TEST');
    const first = cases[0];
    expect(first!.calls.map((call) => call.fn)).toEqual(['changeEmail', 'findUser', 'usersWithRole', 'changeEmail']);
    const drawn = fc.sample(caseArbitrary({ kind: 'parameter', fn: 'usersWithRole', param: 'role', class: 'ordinary-variant' }, ctx), { seed: 2, numRuns: 50 });
    expect(drawn.every((c) => c.calls[0]!.args.role === c.payload && !c.payload.includes(ctx.marker))).toBe(true);
    expect(drawn.some((c) => c.payload === 'CUSTOMER' || c.payload === 'cUSTOMER')).toBe(true);
  });

  it("store a stored field's own texts in another case", () => {
    const tables = [{ ...ctx.tables[0]!, texts: { username: ['alice', 'zoë'], password_hash: [], role: ['customer'] } }];
    const [stored] = canonicalCases({ kind: 'field', table: 'users', column: 'username', class: 'ordinary-variant' }, { ...ctx, tables });
    expect(stored).toMatchObject({ payload: 'ALICE', store: { table: 'users', column: 'username' } });
    expect(canonicalCases({ kind: 'field', table: 'users', column: 'username', class: 'ordinary-variant' }, { ...ctx, tables }).map((c) => c.payload)).toContain('ZOË');
  });
});

describe('the canonical inputs of a target', () => {
  it('are the smallest payloads of the class around the first ordinary values, tried before any drawn one', () => {
    const payloads = (c: InjectionPayloadClass, fn = 'usersWithRole', param = 'role') => canonicalCases({ kind: 'parameter', fn, param, class: c }, ctx).map((k) => k.payload);
    expect(payloads('plain-text')).toEqual([ctx.marker]);
    expect(payloads('like-wildcard')).toEqual(['%', '%%', '__']);
    expect(payloads('tautology')[0]).toBe(`customer' OR '${ctx.marker}'='${ctx.marker}`);
    expect(payloads('union-select')[0]).toBe(`customer' UNION SELECT id, username FROM users --${ctx.marker}`);
    // No bare number with white space: SQLite reads "3\n" as 3, and code that wants digits only is as right.
    expect(payloads('control-character', 'changeEmail', 'userId')).toEqual([`3\n--${ctx.marker}`]);
    // A whole-number parameter also gets the numeric marker, of its ordinary value's type: digits-only checks let no letter through.
    expect(payloads('plain-text', 'changeEmail', 'userId')).toEqual([ctx.marker, ctx.numericMarker]);
    expect(canonicalCases({ kind: 'parameter', fn: 'changeEmail', param: 'userId', class: 'plain-text' }, ctx)[1]!.calls[0]!.args.userId).toBe('912345678');
    const numbered = { ...ctx, ordinary: { ...ctx.ordinary, userId: [3] } };
    expect(canonicalCases({ kind: 'parameter', fn: 'changeEmail', param: 'userId', class: 'plain-text' }, numbered)[1]!.calls[0]!.args.userId).toBe(912345678);
    const [stored] = canonicalCases({ kind: 'field', table: 'users', column: 'role', class: 'second-order' }, ctx);
    expect(stored).toMatchObject({ store: { table: 'users', column: 'role' }, calls: [{ fn: 'findUser' }, { fn: 'usersWithRole' }, { fn: 'changeEmail' }] });
  });
});
