import type { SqlDialect } from '../../../contracts';
import { backslashQuote, commentEnd, DOLLAR_TAG, doubledQuote, endOf, matchAt } from '../sql-lexing';

/**
 * A scanner of SQL text for what generated datasets need to know of a script or a query: where
 * its statements end, its outer ORDER BY, its constants. Not a parser: it tells words, quoted
 * names, strings, numbers and punctuation apart, skipping comments, and counts parentheses.
 */
export interface SqlToken {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  /** A word as written; a quoted name or a string unescaped; a number or punctuation as written. */
  text: string;
  start: number;
  end: number;
  /** Parentheses open around the token (0: the statement's own level). */
  depth: number;
}

export function sqlTokens(sql: string, dialect: SqlDialect): SqlToken[] {
  const tokens: SqlToken[] = [];
  let depth = 0;
  let i = 0;
  const push = (kind: SqlToken['kind'], text: string, start: number, end: number): void => {
    tokens.push({ kind, text, start, end, depth });
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    const afterComment = commentEnd(sql, i, dialect);
    if (/\s/.test(c)) {
      i += 1;
    } else if (afterComment !== undefined) {
      i = afterComment;
    } else if (c === '"' || (dialect === 'sqlite' && c === '`')) {
      const { text, end } = doubledQuote(sql, i, c);
      push('quoted', text, i, end);
      i = end;
    } else if (dialect === 'sqlite' && c === '[') {
      const close = sql.indexOf(']', i + 1);
      const end = close < 0 ? sql.length : close + 1;
      push('quoted', sql.slice(i + 1, close < 0 ? sql.length : close), i, end);
      i = end;
    } else if (c === "'") {
      const previous = tokens[tokens.length - 1];
      const escapes = dialect === 'postgres' && previous?.kind === 'word' && previous.end === i && /^[eE]$/.test(previous.text);
      const { text, end } = escapes ? backslashQuote(sql, i) : doubledQuote(sql, i, "'");
      if (escapes) tokens.pop();
      push('string', text, escapes ? i - 1 : i, end);
      i = end;
    } else if (dialect === 'postgres' && c === '$' && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '')) {
      const tag = matchAt(DOLLAR_TAG, sql, i);
      if (tag) {
        const end = endOf(sql, tag, i + tag.length);
        push('string', sql.slice(i + tag.length, Math.max(i + tag.length, end - tag.length)), i, end);
        i = end;
      } else {
        push('punct', c, i, i + 1);
        i += 1;
      }
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      const number = matchAt(NUMBER, sql, i)!;
      push('number', number, i, i + number.length);
      i += number.length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const word = matchAt(WORD, sql, i)!;
      push('word', word, i, i + word.length);
      i += word.length;
    } else {
      if (c === ')') depth = Math.max(0, depth - 1);
      push('punct', c, i, i + 1);
      if (c === '(') depth += 1;
      i += 1;
    }
  }
  return tokens;
}

/** The statements of a script, each as written (without its semicolon), empty ones left out. */
export function splitStatements(script: string, dialect: SqlDialect): string[] {
  const statements: string[] = [];
  let from = 0;
  for (const token of sqlTokens(script, dialect)) {
    if (token.kind === 'punct' && token.text === ';' && token.depth === 0) {
      statements.push(script.slice(from, token.start));
      from = token.end;
    }
  }
  statements.push(script.slice(from));
  return statements.filter((s) => sqlTokens(s, dialect).length > 0).map((s) => s.trim());
}

/** Whether a token is the (case-insensitive) keyword. */
export function isWord(token: SqlToken | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text.toLowerCase() === word;
}

const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
