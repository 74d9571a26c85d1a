/**
 * The text of submitted files, checked once at the API for every kind and runtime, so that
 * each engine (SQLite, PostgreSQL's wire protocol, Node's parser, TypeScript) sees the same
 * text and no engine's quirk decides a grade:
 * - a leading UTF-8 byte-order mark is removed and the student told (editors on Windows add
 *   one; PostgreSQL reads it as part of the first keyword, SQLite and Node skip it);
 * - NUL and every other control character except ordinary whitespace is refused, with the
 *   file, line and column of each (a NUL ends a C string: PostgreSQL's protocol refuses it);
 * - so is a lone UTF-16 surrogate, which no UTF-8 file can hold.
 */

import { LIMITS } from './limits';

/** U+FEFF at the very start of a file. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * C0 controls but tab, line feed, form feed and carriage return; DEL; C1 controls; lone
 * surrogates (a high one not followed by a low one, a low one not preceded by a high one).
 */
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const NAMES: Record<number, string> = { 0x00: 'NUL', 0x1b: 'ESC', 0x7f: 'DEL', 0x0b: 'vertical tab', 0x08: 'backspace' };

export interface TextProblem {
  /** The file's path as submitted. */
  file: string;
  /** 1-based line and column (in UTF-16 code units, as editors count them) of the first few bad characters. */
  message: string;
}

export interface CheckedText {
  /** The files as they will be stored and graded (byte-order marks removed). */
  files: Record<string, string>;
  /** What was changed, to tell the student (one sentence each). */
  notices: string[];
  /** Why the submission is refused; empty when it is not. */
  problems: TextProblem[];
}

function describe(char: string): string {
  const code = char.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (a lone surrogate, not a character)`;
  return NAMES[code] ? `${hex} (${NAMES[code]})` : `${hex} (a control character)`;
}

function placeOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** Checks and normalises the submitted files; see the module comment for the rules. */
export function checkSubmittedText(files: Record<string, string>): CheckedText {
  const out: Record<string, string> = {};
  const notices: string[] = [];
  const problems: TextProblem[] = [];
  for (const [file, original] of Object.entries(files)) {
    let text = original;
    if (text.startsWith(BYTE_ORDER_MARK)) {
      text = text.slice(BYTE_ORDER_MARK.length);
      notices.push(`${file}: the byte-order mark at the start of the file was removed.`);
    }
    const found = [...text.matchAll(UNWANTED)];
    if (found.length > 0) {
      const places = found.slice(0, LIMITS.text.placesPerFile).map((m) => {
        const { line, column } = placeOf(text, m.index);
        return `line ${line}, column ${column}: ${describe(m[0])}`;
      });
      const more = found.length > LIMITS.text.placesPerFile ? ` and ${found.length - LIMITS.text.placesPerFile} more` : '';
      problems.push({ file, message: `${places.join('; ')}${more}; remove ${found.length === 1 ? 'it' : 'them'} (only tabs, line breaks and printable characters are allowed)` });
    }
    out[file] = text;
  }
  return { files: out, notices, problems };
}
