/**
 * What one call of a data-access function gave, as it travels in JSON from the runner to
 * the harness, and how a returned value becomes JSON. The same code serialises the
 * reference solution's results in the harness, so both sides are read alike. No
 * dependencies but taint-forms.ts (none either): the injection runner bundles it.
 */
import { markerIndex } from './taint-forms';

export type CallOutcome =
  /**
   * `value` is the JSON form of what the function returned (or its promise resolved to).
   * `databaseError`: the message of an error the database raised during the call, found in a text of the value.
   */
  | { kind: 'returned'; value: JsonValue; databaseError?: string }
  /**
   * The function threw (or its promise rejected): the error's name and message. `fromDatabase`:
   * the error is the database's own (better-sqlite3 or SQLite raised it), or its message carries
   * the words of an error the database raised during the call.
   */
  | { kind: 'threw'; name: string; message: string; fromDatabase?: boolean }
  /** The module does not export a function of this name. */
  | { kind: 'missing'; exported: string[] }
  /** The value could not be turned into JSON (a cycle, a getter that throws), or is too large. */
  | { kind: 'unserializable'; reason: string };

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * What the runner reports for one test (or one case of a generated check): its calls' outcomes
 * in order, with the SQL texts each call prepared (`sql`, bounded: see boundSqlTexts), or why it
 * could not make them.
 */
export type RunnerReport =
  | { kind: 'calls'; outcomes: CallOutcome[]; sql?: string[][] }
  /** Requiring the student's module threw; the message is the student's error, as they should read it. */
  | { kind: 'load-error'; message: string };

/** Deeper than any row set; shallow enough to compare and render recursively. */
export const MAX_DEPTH = 32;

/**
 * The JSON form of a returned value: rows (plain objects) and arrays as they are; undefined
 * as null (a function that finds nothing may return either); a bigint as a number; a Buffer
 * or typed array as `{ "$bytes": "<hex>" }`; a Date as its ISO text; a Map as an object and a
 * Set as an array. Throws when the value cannot be represented within `maxBytes`.
 */
export function toJson(value: unknown, maxBytes: number): JsonValue {
  let budget = maxBytes;
  const seen = new Set<object>();
  const charge = (n: number): void => {
    budget -= n;
    if (budget < 0) throw new RangeError(`the value is larger than ${maxBytes} bytes as JSON`);
  };
  const walk = (v: unknown, depth: number): JsonValue => {
    if (depth > MAX_DEPTH) throw new RangeError(`the value is nested deeper than ${MAX_DEPTH} levels`);
    if (v === null || v === undefined) {
      charge(4);
      return null;
    }
    switch (typeof v) {
      case 'string':
        charge(v.length + 2);
        return v;
      case 'number':
        charge(8);
        return Number.isFinite(v) ? v : String(v);
      case 'bigint':
        charge(8);
        return Number(v);
      case 'boolean':
        charge(5);
        return v;
      case 'function':
      case 'symbol':
        charge(4);
        return null;
      default:
        break;
    }
    const object = v as object;
    if (seen.has(object)) throw new TypeError('the value refers to itself (a cycle)');
    seen.add(object);
    try {
      if (object instanceof Date) {
        charge(26);
        return Number.isNaN(object.getTime()) ? null : object.toISOString();
      }
      if (ArrayBuffer.isView(object)) {
        const bytes = new Uint8Array(object.buffer, object.byteOffset, object.byteLength);
        charge(bytes.length * 2 + 12);
        return { $bytes: Buffer.from(bytes).toString('hex') };
      }
      if (Array.isArray(object) || object instanceof Set) {
        const items = Array.isArray(object) ? object : [...object];
        charge(2);
        return items.map((item) => walk(item, depth + 1));
      }
      const entries = object instanceof Map ? [...object.entries()].map(([k, item]) => [String(k), item] as const) : Object.entries(object);
      charge(2);
      const out: { [key: string]: JsonValue } = {};
      for (const [key, item] of entries) {
        charge(key.length + 3);
        // A property whose value JSON would drop is dropped here too.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        out[key] = walk(item, depth + 1);
      }
      return out;
    } finally {
      seen.delete(object);
    }
  };
  return walk(value, 0);
}

/**
 * The outcome of calling `fn` with `args`; async functions are awaited. Never throws.
 * `isDatabaseError` tells a thrown error of the database from the code's own (sql-trace.ts).
 */
export async function callOutcome(fn: unknown, args: unknown[], maxBytes: number, isDatabaseError?: (err: unknown) => boolean): Promise<CallOutcome> {
  let value: unknown;
  try {
    value = await (fn as (...a: unknown[]) => unknown)(...args);
  } catch (err) {
    const outcome = threw(err);
    if (outcome.kind === 'threw' && isDatabaseError?.(err)) outcome.fromDatabase = true;
    return outcome;
  }
  try {
    return { kind: 'returned', value: toJson(value, maxBytes) };
  } catch (err) {
    return { kind: 'unserializable', reason: messageOf(err) };
  }
}

export function threw(err: unknown): CallOutcome {
  let name = 'Error';
  try {
    const n = (err as { name?: unknown } | null)?.name;
    if (typeof n === 'string' && n !== '') name = n.slice(0, 100);
  } catch {
    // A getter that throws: keep the default.
  }
  return { kind: 'threw', name, message: messageOf(err).slice(0, 2000) };
}

function messageOf(err: unknown): string {
  try {
    if (err === null || err === undefined) return String(err);
    const own = (err as { message?: unknown }).message;
    return typeof own === 'string' ? own : String(err);
  } catch {
    return 'a thrown value that cannot even be printed';
  }
}

/**
 * Marks an outcome that carries, in its own words, the message of an error the database raised
 * during the call (`engineErrors`): code that catches the database's error and throws or
 * returns its message has let it reach the caller as surely as code that lets it through.
 * Only these exact messages count: the code's own words ("Malformed input", "syntax") never do.
 */
export function markDatabaseErrorText(outcome: CallOutcome, engineErrors: readonly string[]): CallOutcome {
  const carried = (text: string): string | undefined => engineErrors.find((message) => message.length >= 8 && text.includes(message));
  if (outcome.kind === 'threw' && !outcome.fromDatabase && carried(outcome.message) !== undefined) return { ...outcome, fromDatabase: true };
  if (outcome.kind === 'returned' && engineErrors.length > 0) {
    const stack: JsonValue[] = [outcome.value];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (typeof v === 'string') {
        const message = carried(v);
        if (message !== undefined) return { ...outcome, databaseError: message };
      } else if (Array.isArray(v)) stack.push(...v);
      else if (v !== null && typeof v === 'object') stack.push(...Object.keys(v), ...Object.values(v));
    }
  }
  return outcome;
}

/**
 * The SQL texts of one call as the runner reports them: those holding a taint marker first (the
 * harness looks for markers, case-insensitively), at most `maxTexts`, each cut to `maxChars`
 * around the first marker it holds. Markers are lower-case.
 */
export function boundSqlTexts(texts: readonly string[], markers: readonly string[], maxTexts = 20, maxChars = 1000): string[] {
  // Encoded forms too (hex, char(…)): a text holding the marker so is kept and cut around it.
  const markerAt = (text: string): number => markerIndex(text, markers);
  const tagged = texts.map((text) => ({ text, at: markerAt(text) }));
  const ordered = [...tagged.filter((t) => t.at >= 0), ...tagged.filter((t) => t.at < 0)].slice(0, maxTexts);
  return ordered.map(({ text, at }) => {
    if (text.length <= maxChars) return text;
    if (at < 0 || at < maxChars - 100) return `${text.slice(0, maxChars - 1)}…`;
    const start = Math.max(0, at - Math.floor(maxChars / 2));
    return `…${text.slice(start, start + maxChars - 2)}…`;
  });
}
