import type { CallOutcome } from './call-outcome';
import type { DatabaseFingerprint } from './fingerprint';
import { callLabel, judge, PASSED, type JudgeContext, type JudgedTest } from './judge';


const functions = { usersWithRole: ['role'], changeEmail: ['userId', 'email'] };
const database: DatabaseFingerprint = { tables: { users: { rows: 3, hash: 'a' }, api_tokens: { rows: 2, hash: 'b' } }, schema: 's' };
const rows = (n: number): CallOutcome => ({ kind: 'returned', value: Array.from({ length: n }, (_, i) => ({ id: i + 1, username: `u${i + 1}` })) });

function context(test: Partial<JudgedTest>): JudgeContext {
  return {
    test: { calls: [{ fn: 'usersWithRole', args: { role: 'x' } }], ...test },
    functions,
    secrets: ['hash-of-alice-0123'],
    module: 'repository.js',
  };
}

const tautology = context({ payload: { class: 'tautology', in: 'role' }, calls: [{ fn: 'usersWithRole', args: { role: "x' OR '1'='1" } }] });

describe('judge', () => {
  it('passes when outcomes and data are the reference’s', () => {
    expect(judge(tautology, { outcomes: [rows(0)], database }, { outcomes: [rows(0)], database })).toBe(PASSED);
  });

  it('names the payload class, the parameter and the rows that got through', () => {
    const j = judge(tautology, { outcomes: [rows(0)], database }, { outcomes: [rows(3)], database });
    expect(j).toMatchObject({ verdict: 'tests_failed', visible: expect.stringMatching(/^a tautology \(' OR '1'='1\) in role returned 3 rows it should not/) });
    expect(j.nameOnly).toBe("a tautology (' OR '1'='1) in role returned rows it should not");
    expect(j.hidden).not.toMatch(/tautology|role/);
  });

  it('leaves calling a failure an injection to those who read the SQL text: an outcome alone does not say it', () => {
    expect(judge(tautology, { outcomes: [rows(0)], database }, { outcomes: [rows(3)], database }).injection).toBeUndefined();
  });

  it('reports a changed database first, table by table', () => {
    const dropped = { ...database, tables: { users: database.tables.users! } };
    const j = judge(tautology, { outcomes: [rows(0)], database }, { outcomes: [rows(3)], database: dropped });
    expect(j.visible).toMatch(/changed the database: the table api_tokens was dropped/);
  });

  it('finds secrets in the result that the reference does not return', () => {
    const leak: CallOutcome = { kind: 'returned', value: [{ id: 1, username: 'hash-of-alice-0123' }] };
    const union = context({ payload: { class: 'union-select', in: 'role' } });
    expect(judge(union, { outcomes: [rows(0)], database }, { outcomes: [leak], database }).visible).toMatch(/UNION SELECT .* in role leaked data it must not: the result holds a secret value of the database \('hash-of-…'\)/);
    // The same value returned by the reference is no leak.
    expect(judge(union, { outcomes: [leak], database }, { outcomes: [leak], database })).toBe(PASSED);
  });

  it('catches SQL error text reaching the caller', () => {
    const threw: CallOutcome = { kind: 'threw', name: 'SqliteError', message: 'near "OR": syntax error', fromDatabase: true };
    expect(judge(tautology, { outcomes: [rows(0)], database }, { outcomes: [threw], database }).visible).toMatch(/broke your SQL, and the database's error reached the caller \(SqliteError: near "OR": syntax error\)/);
    const refusal = context({ payload: { class: 'order-by', in: 'role' } });
    const refused: CallOutcome = { kind: 'threw', name: 'Error', message: 'unknown sort column' };
    expect(judge(refusal, { outcomes: [refused], database }, { outcomes: [{ kind: 'threw', name: 'Error', message: 'bad column' }], database })).toBe(PASSED);
    expect(judge(refusal, { outcomes: [refused], database }, { outcomes: [rows(2)], database }).visible).toMatch(/it should refuse this input with an error/);
  });

  it("reports values that do not fit the placeholders as the code's mistake, not the attack's", () => {
    const mismatch: CallOutcome = { kind: 'threw', name: 'RangeError', message: 'Too many parameter values were provided', fromDatabase: true };
    const j = judge(tautology, { outcomes: [rows(0)], database }, { outcomes: [mismatch], database });
    expect(j).toMatchObject({ status: 'error', verdict: 'runtime_error' });
    expect(j.visible).toBe(
      `usersWithRole("x' OR '1'='1") threw RangeError: Too many parameter values were provided: the values given to a statement do not fit its placeholders, whatever the input (as many values as ?, and ?NNN or :name parameters by their numbers and names)`,
    );
    expect(j.nameOnly).not.toMatch(/tautology|broke your SQL/);
    // The student's own RangeError is no binding error.
    const own: CallOutcome = { kind: 'threw', name: 'RangeError', message: 'bad parameter' };
    expect(judge(tautology, { outcomes: [rows(0)], database }, { outcomes: [own], database }).visible).not.toMatch(/placeholders/);
  });

  it('tells calls that left the database as it was from an attack that changed it', () => {
    const changed = { ...database, tables: { ...database.tables, users: { rows: 3, hash: 'changed' } } };
    const withInitial = { ...tautology, initial: database };
    // The reference's calls changed users; the student's changed nothing: no attack did that.
    const untouched = judge(withInitial, { outcomes: [rows(0)], database: changed }, { outcomes: [rows(0)], database });
    expect(untouched.visible).toBe(`after usersWithRole("x' OR '1'='1") the database is as it was before them, where the calls should change it (rows of the table users were changed)`);
    expect(untouched.nameOnly).toBe('the calls left the database as it was, where they should change it');
    // The student's calls changed it where the reference's did not: the attack did.
    expect(judge(withInitial, { outcomes: [rows(0)], database }, { outcomes: [rows(0)], database: changed }).visible).toMatch(/in role changed the database: rows of the table users were changed/);
  });

  it('reports a thrown error on an ordinary input as a runtime error', () => {
    const j = judge(context({}), { outcomes: [rows(1)], database }, { outcomes: [{ kind: 'threw', name: 'TypeError', message: 'x is undefined' }], database });
    expect(j).toMatchObject({ status: 'error', verdict: 'runtime_error', visible: 'usersWithRole("x") threw TypeError: x is undefined' });
  });

  it('shows where an ordinary result differs', () => {
    const j = judge(context({}), { outcomes: [rows(1)], database }, { outcomes: [{ kind: 'returned', value: [{ id: 1, username: 'u1', password_hash: 'p' }] }], database });
    expect(j.visible).toBe('usersWithRole("x"): the result[0] has an unexpected property "password_hash"');
  });

  it('says which function the module lacks', () => {
    const j = judge(context({}), { outcomes: [rows(1)], database }, { outcomes: [{ kind: 'missing', exported: ['findUser'] }], database });
    expect(j).toMatchObject({ verdict: 'runtime_error', hidden: 'repository.js does not export a function usersWithRole (it exports findUser): module.exports = { usersWithRole, … }' });
  });
});

describe('callLabel', () => {
  it('renders the arguments in the declared order, undefined for a missing one', () => {
    expect(callLabel({ fn: 'changeEmail', args: { email: 'a@b' } }, functions)).toBe('changeEmail(undefined, "a@b")');
    expect(callLabel({ fn: 'changeEmail', args: { userId: '2' } }, functions)).toBe('changeEmail("2")');
  });
});

describe('the database\'s errors', () => {
  it('are told from the code\'s own by where they came from, never by their words', () => {
    const own: CallOutcome = { kind: 'threw', name: 'Error', message: 'Malformed role: syntax error near "OR"' };
    const refusing: CallOutcome = { kind: 'threw', name: 'Error', message: 'unknown role' };
    expect(judge(tautology, { outcomes: [rows(0)], database }, { outcomes: [own], database }).visible).toMatch(/made usersWithRole\("x' OR '1'='1"\) throw Error: Malformed role/);
    const refusal = context({ payload: { class: 'order-by', in: 'role' } });
    expect(judge(refusal, { outcomes: [refusing], database }, { outcomes: [own], database })).toBe(PASSED);
    expect(judge(context({}), { outcomes: [refusing], database }, { outcomes: [own], database })).toBe(PASSED);
  });

  it('count when the code passes the database\'s message on, in an error or in a result', () => {
    const passedOn: CallOutcome = { kind: 'returned', value: { error: 'near "OR": syntax error' }, databaseError: 'near "OR": syntax error' };
    const answered: CallOutcome = { kind: 'returned', value: { error: 'invalid role' } };
    expect(judge(tautology, { outcomes: [answered], database }, { outcomes: [passedOn], database }).visible).toMatch(/the database's error reached the caller \("near "OR": syntax error" in the result\)/);
    const refusing: CallOutcome = { kind: 'threw', name: 'Error', message: 'unknown role' };
    const rethrown: CallOutcome = { kind: 'threw', name: 'Error', message: 'failed: no such column: x', fromDatabase: true };
    expect(judge(context({}), { outcomes: [refusing], database }, { outcomes: [rethrown], database }).visible).toMatch(/refuse the input yourself before it reaches the database/);
  });
});
