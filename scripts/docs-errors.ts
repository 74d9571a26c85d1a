import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CATALOGUE, ERROR_CODES } from '@grader/contracts';

/** The README's error table stands between these two lines; `npm run docs:errors` rewrites it from the catalogue. */
export const START = '<!-- error-codes: generated from contracts/src/api/errors.ts by `npm run docs:errors` -->';
export const END = '<!-- /error-codes -->';

export const README = path.resolve(__dirname, '..', 'README.md');

/** The catalogue as a Markdown table: code, status, what it means. */
export function errorTable(): string {
  const rows = ERROR_CODES.map((code) => `| \`${code}\` | ${ERROR_CATALOGUE[code].status} | ${ERROR_CATALOGUE[code].meaning} |`);
  return ['| code | status | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The README with its error table made anew (the rest unchanged). */
export function withErrorTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no error table between "${START}" and "${END}"`);
  return `${readme.slice(0, start)}${START}\n${errorTable()}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const before = fs.readFileSync(README, 'utf8');
  const after = withErrorTable(before);
  fs.writeFileSync(README, after);
  console.log(before === after ? 'README.md: the error table was already up to date' : 'README.md: error table rewritten from the catalogue');
}
