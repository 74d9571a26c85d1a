import { TAINT_FIX } from './generated/hints';
import { callLabel, type Judgement, type JudgedTest } from './judge';
import { markerIndex } from './taint-forms';

type InjectionCall = JudgedTest['calls'][number];

/**
 * Taint in a fixed test: whether the student's code put one of the test's own inputs into the
 * SQL text of a statement, where the reference's statements never hold it. The generated
 * checks carry a marker in every payload; a fixed test's inputs are ordinary values (`alice`,
 * `customer`, `O'Hara`), and code that pastes only on the paths those take (after a login
 * succeeds, when a role matches an allow-list, a stored name read back) met no marker: it
 * got full marks while every statement says that an input in the SQL text fails the test.
 *
 * What is looked for is the longest run of letters, digits and `_` of each text argument (the
 * part no escaping changes: `O'Hara` pasted as `O''Hara` still holds `Hara`), when it has at
 * least MIN_RUN characters and a letter (shorter ones, `3` or `tea`, could be in any statement
 * by chance), as a whole word (`hara` is not in `character`) inside a string literal (where
 * pasted text lands: an alias `FROM users AS customer` is no paste), or in a form taint-forms.ts
 * reads (hex, char(…), joined); comments are read as nothing (`/* e.g. alice *\/` is no paste
 * either). An identifier chosen from an allow-list is in the reference's SQL too, and never counts. Only tests of ordinary inputs are looked at: an attack's payload is
 * made of SQL's own words and the exercise's names (`UNION SELECT password_hash`), which a
 * module that prepares every statement at once holds in statements of other calls; the
 * generated checks' marker is there for payloads.
 */

/** What may stand between two characters of a run inside a literal: up to three that are no letter or digit. */
const FILLER = '[^\\p{L}\\p{N}]{0,3}';

/** Characters a run needs to be looked for: long enough not to be in a statement by chance. */
export const MIN_RUN = 4;

/** The longest run of letters, digits and `_` of a text, if it is long enough and holds a letter. */
export function tellingRun(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const runs = value.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const longest = runs.reduce((best, run) => (run.length > best.length ? run : best), '');
  return longest.length >= MIN_RUN && /\p{L}/u.test(longest) ? longest.toLowerCase() : undefined;
}

export interface FixedTaint {
  /** The argument's value, as the test gives it. */
  value: string;
  /** The call whose statement held it (0-based). */
  call: number;
  text: string;
}

/** The first input of the test that a student's statement holds and no statement of the reference's does. */
export function fixedTaintOf(calls: readonly InjectionCall[], reference: readonly (readonly string[])[], student: readonly (readonly string[])[]): FixedTaint | undefined {
  const values = [...new Set(calls.flatMap((call) => Object.values(call.args)).filter((v): v is string => typeof v === 'string'))];
  const referenceTexts = reference.flat();
  for (const value of values) {
    const run = tellingRun(value);
    if (run === undefined) continue;
    // A whole word, its letters side by side or with up to FILLER characters that are no letter or
    // digit between each two ('a\x01l\x01i\x01c\x01e', which replace(…, char(1), '') joins again).
    const word = new RegExp(`(?<![\\p{L}\\p{N}_])${[...run].join(FILLER)}(?![\\p{L}\\p{N}_])`, 'u');
    const holds = (text: string): boolean => {
      // Pasted as it is, its quote ending the literal early (the statement usually fails to parse).
      if (/['"]/.test(value) && text.includes(value)) return true;
      const { code, literals, besideParameter } = sqlParts(text);
      if (literals.some((literal, k) => !besideParameter[k] && word.test(literal.toLowerCase()))) return true;
      // Encoded (hex, char(…), joined): found so only, never as plain text somewhere else.
      return !code.toLowerCase().includes(run) && markerIndex(code, [run]) >= 0;
    };
    if (referenceTexts.some(holds)) continue;
    for (const [call, texts] of student.entries()) {
      const text = texts.find(holds);
      if (text !== undefined) return { value, call, text };
    }
  }
  return undefined;
}

/**
 * Whether an attack's payload (a text argument holding a quote, or of 4 characters or more with
 * a space or a symbol: `2 OR 1=1`) is in the SQL text of a student's
 * statement, as it is or with its quotes doubled (escaped by hand), where no statement of the
 * reference's holds it: the attack reached the SQL. Without this, an attack that got through was
 * bound (a LIKE wildcard not escaped), which is no injection.
 */
export function payloadPasted(calls: readonly InjectionCall[], reference: readonly (readonly string[])[], student: readonly (readonly string[])[]): boolean {
  const telling = (v: string) => /'/.test(v) || (v.length >= 4 && /[^\p{L}\p{N}_]/u.test(v));
  const payloads = calls.flatMap((call) => Object.values(call.args)).filter((v): v is string => typeof v === 'string' && telling(v));
  const referenceTexts = reference.flat();
  return payloads.some((payload) => {
    const forms = [payload, payload.replace(/'/g, "''")];
    const holds = (text: string) => forms.some((form) => text.includes(form));
    return !referenceTexts.some(holds) && student.flat().some(holds);
  });
}

/**
 * A statement's text without its comments (`code`), and the contents of its single-quoted string
 * literals (`''` read as one quote). A quote inside a comment opens nothing, and `--` or `/*`
 * inside a literal is text. `besideParameter[k]`: literal k is compared with a bound parameter
 * (`:col = 'name'`, `'asc' = ?`, `? IN ('name', 'price_cents')`), so it is the code's own text
 * the input is checked against, not the input pasted (which a parameter already carries): an
 * allow-list written in SQL (`ORDER BY CASE WHEN :col = 'name' THEN name END`, a helper's
 * correct solution that lost 7 points) holds the inputs it allows.
 */
export function sqlParts(text: string): { code: string; literals: string[]; besideParameter: boolean[] } {
  let code = '';
  const literals: string[] = [];
  const besideParameter: boolean[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      code += ' ';
    } else if (ch === "'") {
      let literal = '';
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] !== "'") literal += text[j];
        else if (text[j + 1] === "'") literal += text[j++];
        else break;
      }
      literals.push(literal);
      besideParameter.push(PARAMETER_BEFORE.test(code) || PARAMETER_AFTER.test(text.slice(j + 1, j + 80)));
      code += text.slice(i, j + 1);
      i = j + 1;
    } else {
      code += ch;
      i += 1;
    }
  }
  return { code, literals, besideParameter };
}

/** A bound parameter (`?`, `?2`, `:name`, `@name`, `$name`) and a comparison, or IN with the list so far, just before a literal. */
const PARAMETER_BEFORE = /(?:\?\d*|[:@$][\p{L}\p{N}_]+)\s*(?:==?|!=|<>|\bIS(?:\s+NOT)?|(?:\bNOT\s+)?\bIN\s*\((?:\s*'(?:[^']|'')*'\s*,)*)\s*$/iu;
/** A comparison and a bound parameter just after a literal. */
const PARAMETER_AFTER = /^\s*(?:==?|!=|<>)\s*(?:\?|[:@$][\p{L}\p{N}_])/u;

/**
 * The test's judgement once taint was found: failed (an injection, not a crash, even when the
 * pasted input made the statement fail), saying where, and what else the test found.
 */
export function fixedTaintJudgement(taint: FixedTaint, calls: readonly InjectionCall[], functions: Record<string, string[]>, judged: Judgement): Judgement {
  const flat = taint.text.replace(/\s+/g, ' ');
  const excerpt = flat.length <= 160 ? flat : `${flat.slice(0, 159)}…`;
  // A statement the pasted input broke (its quote ended a literal): the injection is the cause, said first.
  const also = judged.status === 'passed' ? '' : judged.verdict === 'runtime_error' ? `; it broke the statement: ${judged.visible}` : `; and ${judged.visible}`;
  return {
    ...judged,
    status: 'failed',
    verdict: 'tests_failed',
    injection: true,
    visible: `${callLabel(calls[taint.call]!, functions)} put ${Object.values(calls[taint.call]!.args).includes(taint.value) ? `the input ${JSON.stringify(taint.value)}` : `an input of an earlier call, ${JSON.stringify(taint.value)},`} into the SQL text of a statement (${excerpt}): ${TAINT_FIX}${also}`,
    nameOnly: `your code put an input of this test into the SQL text of a statement; ${TAINT_FIX}`,
    hidden: 'an input went into the SQL text of a statement',
  };
}
