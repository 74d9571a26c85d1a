import type { SqlDialect } from '../../../contracts';
import { sameColumnName } from '../compare-results';
import type { QueryResult } from '../query-result';
import { isWord, sqlTokens, type SqlToken } from './sql-tokens';

/** The literal constants of the reference query, by what they look like. */
export interface QueryConstants {
  numbers: number[];
  /** `YYYY-MM-DD` */
  dates: string[];
  /** `YYYY-MM-DD HH:MM:SS` */
  timestamps: string[];
  texts: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;
/** Strings that are not values of a column: interval lengths and date_trunc's or extract's fields. */
const NOT_A_VALUE = /^\s*(?:[+-]?\d+(?:\.\d+)?\s*(?:microsecond|millisecond|second|minute|hour|day|week|month|year|decade|century|millennium)s?\s*)+$|^(?:microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|century|centuries|millennium|dow|doy|epoch|isodow|isoyear|julian|timezone\w*|start of \w+|unixepoch|localtime|utc|auto|subsec|%.*)$/i;

/**
 * Every number and string literal of a query: what a generated dataset puts values at and
 * beside (a `>= 10000` is tested with 9999, 10000 and 10001).
 */
export function queryConstants(query: string, dialect: SqlDialect): QueryConstants {
  const constants: QueryConstants = { numbers: [], dates: [], timestamps: [], texts: [] };
  const tokens = sqlTokens(query, dialect);
  tokens.forEach((token, i) => {
    if (token.kind === 'number' && notAValue(tokens, i)) return;
    if (token.kind === 'number') {
      const negative = tokens[i - 1]?.kind === 'punct' && tokens[i - 1]!.text === '-' && !isOperand(tokens[i - 2]);
      const value = Number(token.text) * (negative ? -1 : 1);
      if (Number.isFinite(value)) constants.numbers.push(value);
    } else if (token.kind === 'string') {
      // An INTERVAL's text is a length, not a value.
      if (isWord(tokens[i - 1], 'interval')) return;
      const text = token.text;
      const stamp = TIMESTAMP.exec(text);
      if (DATE.test(text)) constants.dates.push(text);
      else if (stamp) constants.timestamps.push(`${stamp[1]} ${stamp[2]}:${stamp[3]}:${stamp[4] ?? '00'}`);
      else if (!NOT_A_VALUE.test(text) && text.length <= 100) constants.texts.push(text);
    }
  });
  const unique = <T>(values: T[]): T[] => [...new Set(values)];
  return { numbers: unique(constants.numbers), dates: unique(constants.dates), timestamps: unique(constants.timestamps), texts: unique(constants.texts) };
}

/**
 * A number that is no value data is compared with: `SELECT 1` (in EXISTS), a LIMIT or OFFSET,
 * a position in ORDER BY or GROUP BY (`ORDER BY 1, 2`), a window frame's `1 PRECEDING`.
 */
function notAValue(tokens: SqlToken[], i: number): boolean {
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  if (isWord(before, 'select') || isWord(before, 'limit') || isWord(before, 'offset') || isWord(after, 'preceding') || isWord(after, 'following')) return true;
  const alone = after === undefined || (after.kind === 'punct' && /^[,);]$/.test(after.text)) || (after.kind === 'word' && /^(asc|desc|nulls|limit|offset|fetch|having|window|union|except|intersect|order|for)$/i.test(after.text));
  if (!alone) return false;
  // In a list right after BY: walk back over `n,` items to the BY.
  let j = i - 1;
  while (j >= 1 && tokens[j]!.kind === 'punct' && tokens[j]!.text === ',' && tokens[j - 1]!.kind === 'number') j -= 2;
  return isWord(tokens[j], 'by');
}

/** A token after which a `-` is a subtraction, not a sign. */
function isOperand(token: SqlToken | undefined): boolean {
  if (!token) return false;
  if (token.kind === 'punct') return token.text === ')';
  if (token.kind === 'word') return !/^(select|where|and|or|not|when|then|else|by|having|on|in|between|is|like|return|case|as|limit|offset)$/i.test(token.text);
  return true;
}

/**
 * The result columns the query's outer ORDER BY sorts by, when every one of its keys is a
 * result column (by name, alias or position): rows equal on them may come in any order, as
 * the statement asks for no more. Undefined when there is no outer ORDER BY, or one of its
 * keys is not a result column (an `ORDER BY t.id` not selected): then the order is taken as
 * the reference gives it.
 */
export function orderByColumns(query: string, dialect: SqlDialect, columns: readonly string[]): number[] | undefined {
  const tokens = sqlTokens(query, dialect);
  let at = -1;
  for (let i = tokens.length - 2; i >= 0; i -= 1) {
    if (tokens[i]!.depth === 0 && isWord(tokens[i], 'order') && isWord(tokens[i + 1], 'by') && tokens[i + 1]!.depth === 0) {
      at = i + 2;
      break;
    }
  }
  if (at < 0) return undefined;
  const items: SqlToken[][] = [[]];
  for (let i = at; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.depth === 0 && (token.kind === 'word' && /^(limit|offset|fetch|for)$/i.test(token.text))) break;
    if (token.depth === 0 && token.kind === 'punct' && token.text === ';') break;
    if (token.depth === 0 && token.kind === 'punct' && token.text === ',') items.push([]);
    else items[items.length - 1]!.push(token);
  }
  const keys: number[] = [];
  for (const item of items) {
    const key = withoutModifiers(item);
    const index = resultColumnOf(key, columns);
    if (index === undefined) return undefined;
    keys.push(index);
  }
  return keys.length > 0 ? keys : undefined;
}

function withoutModifiers(item: SqlToken[]): SqlToken[] {
  const tokens = [...item];
  for (;;) {
    const last = tokens[tokens.length - 1];
    const before = tokens[tokens.length - 2];
    if (isWord(last, 'asc') || isWord(last, 'desc')) tokens.pop();
    else if ((isWord(last, 'first') || isWord(last, 'last')) && isWord(before, 'nulls')) tokens.splice(-2, 2);
    else if (before && isWord(before, 'collate')) tokens.splice(-2, 2);
    else return tokens;
  }
}

function resultColumnOf(key: SqlToken[], columns: readonly string[]): number | undefined {
  if (key.length === 1 && key[0]!.kind === 'number' && /^\d+$/.test(key[0]!.text)) {
    const position = Number(key[0]!.text);
    return position >= 1 && position <= columns.length ? position - 1 : undefined;
  }
  // name, or qualifier.name
  const simple = key.length === 1 || (key.length === 3 && key[1]!.kind === 'punct' && key[1]!.text === '.');
  const last = key[key.length - 1];
  if (!simple || !last || (last.kind !== 'word' && last.kind !== 'quoted')) return undefined;
  const quoted = new Set(last.kind === 'quoted' ? [last.text] : []);
  const matches = columns.flatMap((column, i) => (sameColumnName(column, last.text, quoted) ? [i] : []));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The actual result with rows the key leaves tied put in the expected order, where the actual
 * rows of each tied run are the expected ones in another order: the comparison then demands
 * exactly the order the ORDER BY asks for, and no more. Rows are left as they are elsewhere.
 */
export function alignTies(expected: QueryResult, actual: QueryResult, key: readonly number[], sameRows: (e: QueryResult['rows'], a: QueryResult['rows']) => boolean): QueryResult {
  if (expected.columns.length !== actual.columns.length || expected.rows.length !== actual.rows.length) return actual;
  const keyOf = (row: QueryResult['rows'][number]): string => JSON.stringify(key.map((k) => row[k]));
  const rows = [...actual.rows];
  let start = 0;
  while (start < expected.rows.length) {
    let end = start + 1;
    const runKey = keyOf(expected.rows[start]!);
    while (end < expected.rows.length && keyOf(expected.rows[end]!) === runKey) end += 1;
    if (end - start > 1 && sameRows(expected.rows.slice(start, end), actual.rows.slice(start, end))) {
      for (let i = start; i < end; i += 1) rows[i] = expected.rows[i]!;
    }
    start = end;
  }
  return { columns: actual.columns, rows };
}
