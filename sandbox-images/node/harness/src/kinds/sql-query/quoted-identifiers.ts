import type { SqlDialect } from '../../contracts';
import { backslashQuote, commentEnd, DOLLAR_TAG, doubledQuote, endOf, matchAt } from './sql-lexing';

/**
 * The names a query writes as quoted identifiers, unescaped: "Orders" in both dialects, and
 * in SQLite also `Orders`, [Orders] and an alias written as a string (AS 'Orders'). SQL
 * folds the case of an unquoted name (PostgreSQL to lower case; SQLite keeps it but
 * matches names ignoring case), while a quoted name is exact: the comparison of column
 * names needs to know which the student wrote (compare-results.ts, sameColumnName).
 *
 * A scanner, not a parser: it skips comments and string literals (PostgreSQL's E'…' with
 * backslash escapes and dollar quoting included), so that a quote inside them is never
 * taken for an identifier. Linear in the query's length.
 */
export function quotedIdentifiers(sql: string, dialect: SqlDialect): Set<string> {
  const names = new Set<string>();
  let i = 0;
  /** The last word outside quotes, lower-cased: an SQLite string right after AS is an alias. */
  let lastWord = '';
  while (i < sql.length) {
    const c = sql[i]!;
    const afterComment = commentEnd(sql, i, dialect);
    if (afterComment !== undefined) {
      i = afterComment;
    } else if (c === '"' || (dialect === 'sqlite' && c === '`')) {
      const { text, end } = doubledQuote(sql, i, c);
      names.add(text);
      i = end;
      lastWord = '';
    } else if (dialect === 'sqlite' && c === '[') {
      const close = sql.indexOf(']', i + 1);
      names.add(sql.slice(i + 1, close < 0 ? sql.length : close));
      i = close < 0 ? sql.length : close + 1;
      lastWord = '';
    } else if (c === "'") {
      const escapes = dialect === 'postgres' && /[eE]/.test(sql[i - 1] ?? '') && !IDENTIFIER_CHAR.test(sql[i - 2] ?? '');
      const { text, end } = escapes ? backslashQuote(sql, i) : doubledQuote(sql, i, "'");
      if (dialect === 'sqlite' && lastWord === 'as') names.add(text);
      i = end;
      lastWord = '';
    } else if (dialect === 'postgres' && c === '$' && !IDENTIFIER_CHAR.test(sql[i - 1] ?? '')) {
      const tag = matchAt(DOLLAR_TAG, sql, i);
      if (tag) {
        i = endOf(sql, tag, i + tag.length);
        lastWord = '';
      } else i += 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = matchAt(WORD, sql, i)!;
      lastWord = word.toLowerCase();
      i += word.length;
    } else {
      if (!/\s/.test(c)) lastWord = '';
      i += 1;
    }
  }
  return names;
}

const IDENTIFIER_CHAR = /[A-Za-z0-9_$]/;
const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;
