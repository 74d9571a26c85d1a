/**
 * The first place where an answer's JSON differs from what a test expects, in words a
 * student can act on: `body[1].title should be "Dune", got "dune"`.
 *
 * `actual` is always data the harness parsed itself with JSON.parse: plain objects, arrays
 * and primitives, so nothing of the student's can override equality. `expected` is the
 * instructor's; in subset mode a RegExp there matches a string.
 */
export type Comparison = 'equal' | 'subset';

export interface JsonDifference {
  /** Where, e.g. `body[1].title`. */
  path: string;
  /** The sentence, path included. */
  message: string;
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

export function jsonDifference(expected: unknown, actual: unknown, mode: Comparison, path = 'body'): JsonDifference | undefined {
  const at = (message: string): JsonDifference => ({ path, message: `${path} ${message}` });

  if (mode === 'subset' && expected instanceof RegExp) {
    if (typeof actual === 'string' && expected.test(actual)) return undefined;
    return at(`should be a string matching ${String(expected)}, got ${render(actual)}`);
  }
  const expectedKind = kindOf(expected);
  const actualKind = kindOf(actual);
  if (expectedKind !== actualKind) {
    const shape = expectedKind === 'array' || expectedKind === 'object' ? `${article(expectedKind)} ${expectedKind}` : render(expected);
    return at(`should be ${shape}, got ${render(actual)}`);
  }
  if (expectedKind === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length !== a.length) return at(`should have ${count(e.length, 'item')}, got ${a.length}`);
    for (let i = 0; i < e.length; i += 1) {
      const difference = jsonDifference(e[i], a[i], mode, `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (expectedKind === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      // An instructor's `{ key: undefined }` means nothing in JSON: skip it.
      if (e[key] === undefined) continue;
      if (!hasOwn(a, key)) return at(`is missing the property ${JSON.stringify(key)}`);
      const difference = jsonDifference(e[key], a[key], mode, `${path}${propertyPath(key)}`);
      if (difference) return difference;
    }
    if (mode === 'equal') {
      const extra = Object.keys(a).find((key) => !hasOwn(e, key) || e[key] === undefined);
      if (extra !== undefined) return at(`has an unexpected property ${JSON.stringify(extra)}`);
    }
    return undefined;
  }
  if (expected !== actual) return at(`should be ${render(expected)}, got ${render(actual)}`);
  return undefined;
}

/** The JSON type of a value, as both comparisons of bodies word it. */
export type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'other';

export function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'other';
  }
}

/** `.title` or `["a b"]`: a property as JavaScript would write its path. */
export function propertyPath(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const RENDER_CHARS = 80;

/** A short JSON rendering of a value for a message. */
export function render(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof RegExp) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > RENDER_CHARS ? `${text.slice(0, RENDER_CHARS - 1)}…` : text;
}
