import { ExerciseDefect } from '../exercise-defect';
import type { SourceData } from './server';

/** The exercise's source data is not a JSON object of arrays of objects: for staff. */
class SourceDataDefect extends ExerciseDefect {
  override readonly name = 'SourceDataDefect';
}

/** The source's data from the exercise package: `{ "<collection>": [{ ... }, ...] }`. */
export function parseSourceData(file: string, text: string | undefined): SourceData {
  if (text === undefined) throw new SourceDataDefect(`the exercise package has no source data ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SourceDataDefect(`the source data ${file} is not JSON: ${(err as Error).message}`);
  }
  const valid =
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    Object.values(data).every((items) => Array.isArray(items) && items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item)));
  if (!valid) throw new SourceDataDefect(`the source data ${file} must be a JSON object whose values are arrays of objects (the collections)`);
  return data as SourceData;
}
