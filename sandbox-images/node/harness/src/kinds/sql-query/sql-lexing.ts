/**
 * Lexing pieces shared by the SQL scanners (quoted-identifiers.ts, generated/sql-tokens.ts):
 * quoted runs in each quoting style and comments, in SQLite's and PostgreSQL's rules.
 */

export const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;

/** The match of a sticky pattern right at `at`, without copying the rest of the text. */
export function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** A quoted run whose quote character is escaped by doubling it ('it''s', "a""b", `a``b`). */
export function doubledQuote(sql: string, start: number, quote: string): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return { text, end: i + 1 };
      text += quote;
      i += 2;
    } else {
      text += sql[i];
      i += 1;
    }
  }
  return { text, end: sql.length };
}

/** PostgreSQL's E'…': a backslash escapes the next character, and '' is still a quote. */
export function backslashQuote(sql: string, start: number): { text: string; end: number } {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') i += 2;
    else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
    else if (sql[i] === "'") return { text: sql.slice(start + 1, i), end: i + 1 };
    else i += 1;
  }
  return { text: sql.slice(start + 1), end: sql.length };
}

export function endOf(sql: string, terminator: string, from: number): number {
  const at = sql.indexOf(terminator, from);
  return at < 0 ? sql.length : at + terminator.length;
}

/** PostgreSQL's block comments nest: /* a /* b *\/ c *\/ is one comment. */
export function endOfNestedComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

/**
 * Where the comment starting at `at` ends (a line comment after its newline; a block comment,
 * nested in PostgreSQL), or undefined when none starts there.
 */
export function commentEnd(sql: string, at: number, dialect: 'sqlite' | 'postgres'): number | undefined {
  const c = sql[at];
  const next = sql[at + 1];
  if (c === '-' && next === '-') {
    const end = sql.indexOf('\n', at);
    return end < 0 ? sql.length : end + 1;
  }
  if (c === '/' && next === '*') return dialect === 'postgres' ? endOfNestedComment(sql, at) : endOf(sql, '*/', at + 2);
  return undefined;
}
