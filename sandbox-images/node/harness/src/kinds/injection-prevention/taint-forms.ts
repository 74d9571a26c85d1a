/**
 * Where a taint marker shows in a statement's SQL text: as it is (ignoring case), or in an
 * encoding code could paste it in so that no quote of the input can close a string: a blob
 * literal of its UTF-8 bytes (`X'7a71…'`, `CAST(x'7A71…' AS TEXT)`), its code points given to
 * `char(122, 113, …)`, or pieces of either joined with `||` (`'z'||'q'`, `char(122)||char(113)`,
 * `X'7a'||X'71'`), or its letters in order with up to SPREAD - 1 characters between each two
 * (`'z\x01q\x01b…'` that `replace(…, char(1), '')` joins again: a helper's evasion that scored full
 * marks). Pasting an input in any of these forms still puts it into the SQL text, which
 * every statement forbids; deliberate evasion beyond them is judged on behaviour alone
 * (docs/security.md, Taint markers). A marker is ASCII (letters; the numeric marker's digits;
 * a hash's hex), so its UTF-8 bytes are its code points and every form below is exact.
 */

/**
 * The most characters one letter of the marker may take, itself included, in the spread form:
 * four lets three characters of filler between letters; the marker's ten random consonants in
 * order within forty characters is no accident of ordinary text.
 */
const SPREAD = 4;

/**
 * Whether the spread form is looked for: only a generated check's marker (`zq` and eight
 * consonants, generated/context.ts), whose letters nothing ordinary spells. An ordinary input of
 * a fixed test (fixed-taint.ts: `customer`, `name`) could be spelt out by a statement's own words.
 */
const GENERATED_MARKER = /^zq[bcdfghjkmnpqrstvwxz]{8}$/;

/** Where `marker` starts as a subsequence of `lower` whose letters are at most SPREAD apart, or -1. */
function spreadIndex(lower: string, marker: string): number {
  for (let start = lower.indexOf(marker[0]!); start >= 0; start = lower.indexOf(marker[0]!, start + 1)) {
    let at = start;
    let k = 1;
    for (; k < marker.length; k++) {
      const next = lower.indexOf(marker[k]!, at + 1);
      if (next < 0 || next - at > SPREAD) break;
      at = next;
    }
    if (k === marker.length) return start;
  }
  return -1;
}

/**
 * Where `needle` is in `hay`, or -1; a needle of digits only (the numeric marker, an id) only as
 * a whole number, so `19123456780` holds no `912345678`.
 */
function find(hay: string, needle: string): number {
  if (!/^\d+$/.test(needle)) return hay.indexOf(needle);
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    if (!/\d/.test(hay[at - 1] ?? '') && !/\d/.test(hay[at + needle.length] ?? '')) return at;
  }
  return -1;
}

/** The marker's hex (lower case) and decimal code-point forms. */
function encodings(marker: string): { hex: string; codes: string } {
  const bytes = [...marker.toLowerCase()].map((ch) => ch.charCodeAt(0));
  return { hex: bytes.map((b) => b.toString(16).padStart(2, '0')).join(''), codes: bytes.join(',') };
}

/**
 * The text lower-cased with white space removed and the joins of `||` between literals of one
 * kind undone: `'z' || 'q'` → `'zq'`, `X'7a'||x'71'` → `x'7a71'`, `char(122) || char(113)` →
 * `char(122,113)`. Comments are not removed: a marker split by a comment is deliberate evasion.
 */
function compact(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/'\|\|x?'/g, '')
    .replace(/\)\|\|char\(/g, ',');
}

/** The index in `text` where a marker (any of `markers`) shows in any form, or -1; an encoded one at the start of its encoding where it can be found, else 0. */
export function markerIndex(text: string, markers: readonly string[]): number {
  const lower = text.toLowerCase();
  let found = -1;
  const note = (i: number): void => {
    if (i >= 0 && (found < 0 || i < found)) found = i;
  };
  let packed: string | undefined;
  for (const marker of markers) {
    if (marker === '') continue;
    const direct = find(lower, marker.toLowerCase());
    if (direct >= 0) {
      note(direct);
      continue;
    }
    packed ??= compact(text);
    const { hex, codes } = encodings(marker);
    if (packed.includes(hex)) note(Math.max(0, lower.indexOf(hex.slice(0, 4))));
    else if (packed.includes(codes)) note(Math.max(0, lower.indexOf('char(')));
    else if (find(packed, marker.toLowerCase()) >= 0) note(Math.max(0, lower.indexOf(`'${marker[0]!.toLowerCase()}'`)));
    else if (GENERATED_MARKER.test(marker.toLowerCase())) note(spreadIndex(lower, marker.toLowerCase()));
  }
  return found;
}

/** Whether a statement's text holds the marker in any form markerIndex knows. */
export function holdsMarker(text: string, marker: string): boolean {
  return markerIndex(text, [marker]) >= 0;
}
