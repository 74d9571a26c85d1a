import type { SqlTestOutcome } from '../feedback';

/** Words of a generated test's feedback that hold no value of its data. */

/** What a name-only test may say of a wrong result: its shape, never a value. */
export function shapeOfDifference(outcome: Extract<SqlTestOutcome, { kind: 'wrong' }>): string {
  const d = outcome.difference;
  switch (d.kind) {
    case 'column-count':
      return 'your result has another number of columns';
    case 'column-order':
      return 'your result has the right values with its columns in another order';
    case 'column-names':
      return 'a column of your result has another name';
    case 'rows':
    case 'row-at': {
      if (d.kind === 'row-at' && d.sameRowsOtherOrder) return 'your result has the right rows in another order';
      if (d.actualCount < d.expectedCount) return 'your result lacks rows';
      if (d.actualCount > d.expectedCount) return 'your result has rows it should not have';
      return 'your result has rows with other values';
    }
  }
}

export function listKinds(kinds: readonly string[]): string {
  if (kinds.length <= 1) return kinds[0] ?? 'ordinary rows';
  return `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
}

