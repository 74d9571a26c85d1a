import type { InjectionPayloadClass } from '../../../contracts';
import type { Judgement } from '../judge';
import type { GeneratedCase } from './battery';

/**
 * What a generated counterexample's feedback adds after the difference: the usual mistake
 * behind a difference of its class, so that the student reads the cause and not only the
 * symptom. By class, and for quotes by what the payload holds (a lone backslash is a mistake
 * about escaping LIKE's escape character, not about quotes).
 */
const HINTS: Partial<Record<InjectionPayloadClass, string>> = {
  'like-wildcard': 'escape every %, _ and the escape character itself in the text (not only the first), and say which escape character with ESCAPE',
  'glob-wildcard': 'GLOB reads *, ? and [ as wildcards: compare the text as text',
  'order-by': 'choose identifiers and keywords from an allow-list',
  'inherited-name':
    'a plain object used as an allow-list also answers for the names every object inherits (constructor, toString, __proto__): look the input up in a Map or a Set, or check it with Object.hasOwn',
  'ordinary-variant':
    "compare text as the statement says: = matches exactly, LIKE ignores the case of ASCII letters only; COLLATE NOCASE, LIKE where = is meant, or JavaScript's toLowerCase() (which turns É into é) match more; an allow-list takes a whole entry only (Set.has), never a part of one or several (includes, startsWith on a string)",
};

/** An empty string is a value, not a missing one: the usual mistake is a test of truthiness. */
const EMPTY_HINT =
  "an empty string is a value like any other: only a missing argument (undefined) takes a default, and '' is matched or refused as the statement says (every text contains ''); test for undefined, not with || or !value";

const BACKSLASH_HINT =
  "a backslash is an ordinary character in SQLite text: if your code escapes with it (LIKE … ESCAPE '\\'), escape the backslash itself too (\\ becomes \\\\), or a lone \\ escapes whatever follows it";
const QUOTE_HINT = 'a quote is an ordinary character of the text: pass the text as a parameter as it is, never doubled, stripped or backslashed by your code';

/**
 * A payload of another class that holds % or is only _ (a stored name `%`, shrunk from a longer one):
 * code that binds every value but compares with LIKE matches other rows with it, and the
 * judge's advice alone (pass input as a parameter) would send such code the wrong way.
 */
const WILDCARD_HINT =
  'if your code binds the value already, look at how it compares: LIKE reads % and _ as wildcards (and ignores the case of ASCII letters), so a value holding them matches other rows; compare with = where the value is to match exactly';

/** The hint of a counterexample, if its class has one. */
export function hintOf(c: GeneratedCase): string | undefined {
  if (c.target.class === 'quote') return c.payload.includes('\\') ? BACKSLASH_HINT : QUOTE_HINT;
  if (c.target.class === 'ordinary-variant' && c.payload === '') return EMPTY_HINT;
  // `_` alone, not within a word: price_cents is an identifier, not a wildcard.
  return HINTS[c.target.class] ?? (/%|^_+$/.test(c.payload) ? WILDCARD_HINT : undefined);
}

/** Classes whose payloads attack no SQL: the judge's advice to pass input as a parameter would mislead there. */
const NOT_SQL_PAYLOADS: ReadonlySet<InjectionPayloadClass> = new Set(['inherited-name', 'ordinary-variant']);
const PARAMETER_ADVICE = /[:;] pass input as a parameter \(\?\), never as part of the SQL text/;

/** The judgement with the hint after its visible and name-only feedback (a wrong result only: a crash or a time-out says enough). */
export function withHint(judged: Judgement, c: GeneratedCase): Judgement {
  const hint = hintOf(c);
  if (!hint || judged.verdict !== 'tests_failed') return judged;
  const visible = NOT_SQL_PAYLOADS.has(c.target.class) ? judged.visible.replace(PARAMETER_ADVICE, '') : judged.visible;
  return { ...judged, visible: `${visible}; ${hint}`, nameOnly: `${judged.nameOnly}; ${hint}` };
}

/**
 * What the taint check asks for. Escaping is not enough, however complete it looks: the
 * statements say so, and OWASP's Cheat Sheet calls escaping fragile and a last resort.
 */
export const TAINT_FIX =
  'pass every value as a bound parameter (?) and choose identifiers from an allow-list: input must never be put into the SQL text, not even quoted or escaped (escaping is fragile; OWASP advises against it)';
