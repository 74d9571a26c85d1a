import { fixedTaintJudgement, fixedTaintOf, payloadPasted, sqlParts, tellingRun } from './fixed-taint';
import { PASSED, type Judgement } from './judge';

const functions = { findUser: ['username', 'password'], usersWithRole: ['role'], renameCustomer: ['customerId', 'newName'], ordersOfCustomer: ['customerId'] };

describe('taint in a fixed test', () => {
  it("looks for the longest run of letters and digits of each text input, when it is long enough to be in no statement by chance", () => {
    expect(tellingRun("O'Hara")).toBe('hara');
    expect(tellingRun('bob.o\'neil@shop.test')).toBe('neil');
    expect(tellingRun('price_cents')).toBe('price_cents');
    expect(tellingRun('tea')).toBeUndefined();
    expect(tellingRun('12345')).toBeUndefined();
    expect(tellingRun(3)).toBeUndefined();
  });

  it('finds an input pasted (escaped or not) where the reference bound it', () => {
    const calls = [{ fn: 'findUser', args: { username: "o'brien", password: 'pw' } }];
    const taint = fixedTaintOf(calls, [['SELECT id FROM users WHERE username = ? AND password_hash = ?']], [["SELECT id FROM users WHERE username = 'o''brien'"]]);
    expect(taint).toMatchObject({ value: "o'brien", call: 0 });
    const judged = fixedTaintJudgement(taint!, calls, functions, PASSED);
    expect(judged).toMatchObject({ status: 'failed', verdict: 'tests_failed' });
    expect(judged.visible).toMatch(/^findUser\("o'brien", "pw"\) put the input "o'brien" into the SQL text of a statement \(SELECT id FROM users WHERE username = 'o''brien'\): pass every value as a bound parameter/);
    expect(judged.nameOnly).not.toContain('brien');
  });

  it('finds a value stored by one call and pasted by a later one (second order)', () => {
    const calls: Array<{ fn: string; args: Record<string, string | number> }> = [
      { fn: 'renameCustomer', args: { customerId: 1, newName: 'Beatrice' } },
      { fn: 'ordersOfCustomer', args: { customerId: 1 } },
    ];
    const reference = [['UPDATE customers SET name = ? WHERE id = ?'], ['SELECT name FROM customers WHERE id = ?', 'SELECT * FROM orders WHERE customer_name = ?']];
    const student = [['UPDATE customers SET name = ? WHERE id = ?'], ['SELECT name FROM customers WHERE id = ?', "SELECT * FROM orders WHERE customer_name = 'Beatrice'"]];
    expect(fixedTaintOf(calls, reference, student)).toMatchObject({ value: 'Beatrice', call: 1 });
  });

  it('does not count an identifier from an allow-list, which the reference puts into its SQL too, nor a short value', () => {
    const calls = [{ fn: 'listProducts', args: { category: 'tea', sortColumn: 'price_cents', direction: 'DESC' } }];
    const reference = [['SELECT * FROM products WHERE category = ? ORDER BY price_cents DESC, id']];
    const student = [["SELECT * FROM products WHERE category = 'tea' ORDER BY \"price_cents\" DESC, id ASC"]];
    expect(fixedTaintOf(calls, reference, student)).toBeUndefined();
  });

  it('finds an input spread out in a literal by characters that are no letter or digit (a helper joined them again with replace())', () => {
    const calls = [{ fn: 'usersWithRole', args: { role: 'customer' } }];
    const reference = [['SELECT id FROM users WHERE role = ?']];
    expect(fixedTaintOf(calls, reference, [["SELECT id FROM users WHERE role = replace('c\x01u\x01s\x01t\x01o\x01m\x01e\x01r', char(1), '')"]])).toMatchObject({ value: 'customer' });
    expect(fixedTaintOf(calls, reference, [["SELECT id FROM users WHERE role = replace('c#-u#-s#-t#-o#-m#-e#-r', '#-', '')"]])).toMatchObject({ value: 'customer' });
    expect(fixedTaintOf(calls, reference, [["SELECT id FROM users WHERE note = 'a cut so mere' AND role = ?"]])).toBeUndefined();
  });

  it('does not count a run found only inside a longer word', () => {
    const calls = [{ fn: 'renameCustomer', args: { customerId: 1, newName: "Hara'" } }];
    expect(fixedTaintOf(calls, [['UPDATE customers SET name = ? WHERE id = ?']], [['SELECT character_set FROM t', 'UPDATE customers SET name = ? WHERE id = ?']])).toBeUndefined();
  });

  it('does not count an input word in a comment or as an identifier of fixed SQL (a probe lost points for both)', () => {
    const bound = [['SELECT id, username FROM users WHERE role = ? ORDER BY id']];
    const role = [{ fn: 'usersWithRole', args: { role: 'customer' } }];
    expect(fixedTaintOf(role, bound, [['SELECT customer.id, customer.username FROM users AS customer WHERE role = ? ORDER BY id']])).toBeUndefined();
    expect(fixedTaintOf(role, bound, [['SELECT id, username FROM users /* e.g. customer */ WHERE role = ? -- or \'customer\'\nORDER BY id']])).toBeUndefined();
    expect(fixedTaintOf(role, bound, [["SELECT id, username FROM users WHERE role = 'customer' -- pasted\nORDER BY id"]])).toMatchObject({ value: 'customer' });
  });

  it('does not count an allow-list written in SQL: a literal compared with a bound parameter is the code\'s own text', () => {
    const calls = [{ fn: 'usersWithRole', args: { role: 'price_cents' } }];
    const reference = [['SELECT * FROM products ORDER BY price_cents']];
    const allowList = "SELECT * FROM products ORDER BY CASE WHEN :col = 'name' THEN name END, CASE WHEN 'price_cents' = ?2 THEN price_cents END, CASE WHEN @c IN ('created_at', 'price_cents') THEN 1 END";
    expect(fixedTaintOf(calls, reference, [[allowList]])).toBeUndefined();
    expect(fixedTaintOf(calls, reference, [["SELECT * FROM products WHERE category = 'price_cents' AND 1 = ?"]])).toMatchObject({ value: 'price_cents' });
  });

  it('reads string literals and comments as SQLite does', () => {
    expect(sqlParts("SELECT 'a -- b', 'it''s' /* 'x' */ FROM t -- 'y'\nWHERE 1")).toEqual({ code: "SELECT 'a -- b', 'it''s'   FROM t \nWHERE 1", literals: ['a -- b', "it's"], besideParameter: [false, false] });
  });

  it('says so when the input pasted was given to an earlier call', () => {
    const calls: Array<{ fn: string; args: Record<string, string | number> }> = [
      { fn: 'renameCustomer', args: { customerId: 1, newName: 'Beatrice' } },
      { fn: 'ordersOfCustomer', args: { customerId: 1 } },
    ];
    const taint = fixedTaintOf(calls, [[], []], [[], ["SELECT * FROM orders WHERE customer_name = 'Beatrice'"]])!;
    expect(fixedTaintJudgement(taint, calls, functions, PASSED).visible).toMatch(/^ordersOfCustomer\(1\) put an input of an earlier call, "Beatrice", into the SQL text/);
  });

  it("finds an input pasted as it is, its quote breaking the statement, and calls that an injection, not a runtime error", () => {
    const calls = [{ fn: 'findUser', args: { username: "o'brien", password: 'shamrock' } }];
    const broken = "SELECT id FROM users WHERE username = 'o'brien' AND password_hash = 'x'";
    const taint = fixedTaintOf(calls, [['SELECT id FROM users WHERE username = ? AND password_hash = ?']], [[broken]]);
    expect(taint).toMatchObject({ value: "o'brien", call: 0, text: broken });
    const threw: Judgement = { status: 'error', verdict: 'runtime_error', visible: 'findUser("o\'brien", "shamrock") threw SqliteError: near "brien": syntax error', nameOnly: 'your function threw SqliteError (an SQL error)', hidden: 'your function threw an error on this input' };
    const judged = fixedTaintJudgement(taint!, calls, functions, threw);
    expect(judged).toMatchObject({ status: 'failed', verdict: 'tests_failed', injection: true });
    expect(judged.visible).toMatch(/put the input "o'brien" into the SQL text of a statement .*; it broke the statement: findUser\("o'brien", "shamrock"\) threw SqliteError: near "brien": syntax error$/);
  });

  it("sees an attack's payload in the SQL text, as it is or escaped by hand, and not a payload that was bound", () => {
    const calls = [{ fn: 'usersWithRole', args: { role: "nobody' OR '1'='1" } }];
    const reference = [['SELECT id, username FROM users WHERE role = ? ORDER BY id']];
    expect(payloadPasted(calls, reference, [["SELECT id, username FROM users WHERE role = 'nobody' OR '1'='1' ORDER BY id"]])).toBe(true);
    expect(payloadPasted(calls, reference, [["SELECT id, username FROM users WHERE role = 'nobody'' OR ''1''=''1' ORDER BY id"]])).toBe(true);
    expect(payloadPasted(calls, reference, reference)).toBe(false);
    const id = [{ fn: 'changeEmail', args: { userId: '2 OR 1=1', email: 'x@y.z' } }];
    expect(payloadPasted(id, [['UPDATE users SET email = ? WHERE id = ?']], [["UPDATE users SET email = ? WHERE id = 2 OR 1=1"]])).toBe(true);
    // A wildcard attack through a bound LIKE: nothing of it in the text.
    expect(payloadPasted([{ fn: 'usersWithRole', args: { role: '%' } }], reference, [['SELECT id, username FROM users WHERE role LIKE ? ORDER BY id']])).toBe(false);
  });

  it('finds a value pasted in an encoded form, as the generated checks do', () => {
    const calls = [{ fn: 'usersWithRole', args: { role: 'customer' } }];
    const hex = Buffer.from('customer').toString('hex');
    expect(fixedTaintOf(calls, [['SELECT id FROM users WHERE role = ?']], [[`SELECT id FROM users WHERE role = CAST(X'${hex}' AS TEXT)`]])).toMatchObject({ value: 'customer' });
  });
});
