import type { GraphqlCheck } from '../../contracts';

/**
 * What each check teaches when it fails (checkedFeedback shows it at every visibility): what a
 * GraphQL API must do, nothing of the test's queries or data.
 */
export const CHECK_LESSONS: Readonly<Record<GraphqlCheck, string>> = {
  'n-plus-one': 'a nested query asked the backend once for every parent: load each level of a query in one batched request (a DataLoader made for each request)',
  errors: 'a failure was not reported as GraphQL reports it: an entry in "errors" with the path of the field that failed, that field null, and the rest of the data kept',
  validation: 'an invalid argument or input was not refused: check every argument and input, and answer an error (with its path), not data, for a bad one',
};
