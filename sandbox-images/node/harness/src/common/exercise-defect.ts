/**
 * A problem of the exercise, not of the submission: a dataset that does not load, a reference
 * solution that fails, a tests module with no such case. Any kind throws it; the generic test
 * loop (kinds/grade-tests.ts) logs it for staff and gives the test (or, thrown while preparing,
 * every test) the kind's internal outcome, "the exercise is broken: <message>".
 */
export class ExerciseDefect extends Error {
  override readonly name: string = 'ExerciseDefect';
}
