import { injectionNote } from './feedback';
import { PASSED, type Judgement } from './judge';
import { everywhere } from './runner-outcome';

const injected: Judgement = { ...everywhere('tests_failed', 'a tautology in role returned 3 rows it should not'), injection: true };

describe("the submission's note on injections", () => {
  it('counts the tests an injection failed, hidden ones included, naming no input', () => {
    expect(injectionNote([PASSED, injected, everywhere('tests_failed', 'wrong order'), injected, undefined])).toBe(
      '2 failed because input reached the SQL (an SQL injection): pass every value as a bound parameter (?) and choose identifiers from an allow-list',
    );
    expect(injectionNote([injected])).toMatch(/^1 failed because input reached the SQL/);
  });

  it('says nothing when no test failed by an injection (a wrong result, a crash)', () => {
    expect(injectionNote([PASSED, everywhere('runtime_error', 'x threw TypeError'), everywhere('tests_failed', 'wrong order')])).toBeUndefined();
  });
});
