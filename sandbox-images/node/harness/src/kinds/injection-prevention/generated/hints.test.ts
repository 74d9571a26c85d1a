import type { Judgement } from '../judge';
import type { GeneratedCase } from './battery';
import { hintOf, TAINT_FIX, withHint } from './hints';

const at = (c: GeneratedCase['target']['class'], payload: string): GeneratedCase => ({ target: { kind: 'parameter', fn: 'searchProducts', param: 'term', class: c }, payload, calls: [] });

describe('the hint of a generated counterexample', () => {
  it('names the escape character left unescaped when a quote-class payload holds a backslash', () => {
    expect(hintOf(at('quote', '\\'))).toMatch(/escape the backslash itself too/);
    expect(hintOf(at('quote', "O''Brien"))).toMatch(/never doubled, stripped or backslashed/);
  });

  it('names a plain-object allow-list for an inherited name, and letter case folding for an ordinary variant', () => {
    expect(hintOf(at('inherited-name', 'constructor'))).toMatch(/Map or a Set.*Object\.hasOwn/);
    expect(hintOf(at('ordinary-variant', 'é'))).toMatch(/COLLATE NOCASE.*toLowerCase\(\)/);
  });

  it("names a test of truthiness for the empty string, and a part-matching allow-list for a part of a value", () => {
    expect(hintOf(at('ordinary-variant', ''))).toMatch(/only a missing argument \(undefined\) takes a default.*not with \|\| or !value/);
    expect(hintOf(at('ordinary-variant', 'price'))).toMatch(/whole entry only \(Set\.has\), never a part of one or several \(includes/);
  });

  it('names LIKE for a payload of another class holding % or _ (a stored name "%"): bound values match other rows with it', () => {
    const stored = (payload: string): GeneratedCase => ({ target: { kind: 'field', table: 'customers', column: 'name', class: 'second-order' }, payload, calls: [] });
    expect(hintOf(stored('%'))).toMatch(/LIKE reads % and _ as wildcards.*compare with =/);
    expect(hintOf(stored('__'))).toMatch(/LIKE reads/);
    expect(hintOf(stored("x' OR '1'='1"))).toBeUndefined();
    expect(hintOf(stored('price_cents'))).toBeUndefined();
  });

  it('replaces the advice to pass input as a parameter where the payload attacks no SQL', () => {
    const changed: Judgement = { status: 'failed', verdict: 'tests_failed', visible: 'x changed the database: rows of orders; pass input as a parameter (?), never as part of the SQL text', nameOnly: 'n', hidden: 'h' };
    expect(withHint(changed, at('ordinary-variant', 'bEA')).visible).toMatch(/^x changed the database: rows of orders; compare text as the statement says/);
    expect(withHint(changed, at('tautology', "' OR 1=1")).visible).toBe(changed.visible);
  });

  it('is added to a wrong result only, not to a crash', () => {
    const failed: Judgement = { status: 'failed', verdict: 'tests_failed', visible: 'v', nameOnly: 'n', hidden: 'h' };
    expect(withHint(failed, at('inherited-name', 'constructor')).nameOnly).toMatch(/^n; a plain object/);
    const crashed: Judgement = { ...failed, status: 'error', verdict: 'runtime_error' };
    expect(withHint(crashed, at('inherited-name', 'constructor'))).toBe(crashed);
  });
});

describe('the fix the taint check asks for', () => {
  it('asks for bound parameters and says escaping is not enough, as the statements do', () => {
    expect(TAINT_FIX).toMatch(/bound parameter/);
    expect(TAINT_FIX).toMatch(/not even quoted or escaped/);
    expect(TAINT_FIX).toMatch(/OWASP/);
  });
});
