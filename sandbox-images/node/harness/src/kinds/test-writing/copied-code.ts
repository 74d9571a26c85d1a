/**
 * How much of the given implementation the student's tests carry as their own code. A suite
 * that pastes the module in and checks that the module under test answers as the copy does
 * catches every mutant without stating a single expected value: a tautology a reviewer would
 * reject (it can never find a bug the given code has). Lines, not tokens: a copy shows as
 * whole lines, and a test that repeats a line or two (a constant, a regular expression) stays
 * far below the bound.
 */

/** A line worth comparing: whitespace collapsed; short lines, braces and comments are everyone's. */
function significant(line: string): string | undefined {
  const text = line.trim().replace(/\s+/g, ' ');
  if (text.length < 24 || /^(?:\/\/|#|\*|\/\*)/.test(text)) return undefined;
  return text;
}

/**
 * The share of the implementation's significant lines (0 to 1) that also appear in the
 * student's files, and how many they are.
 */
export function copiedShare(implementation: string, studentFiles: readonly string[]): { share: number; lines: number } {
  const own = new Set(implementation.split('\n').map(significant).filter((l): l is string => l !== undefined));
  if (own.size === 0) return { share: 0, lines: 0 };
  const theirs = new Set(studentFiles.flatMap((text) => text.split('\n').map(significant)).filter((l): l is string => l !== undefined));
  const lines = [...own].filter((l) => theirs.has(l)).length;
  return { share: lines / own.size, lines };
}
