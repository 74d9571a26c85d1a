/**
 * The parts of @grader/shared the harness uses, imported file by file: the package's index
 * also exports the API's and worker's plumbing (Redis, logging), which must not end up in
 * the harness bundle.
 */
export * from '@grader/shared/src/limits';
export * from '@grader/shared/src/manifest';
export * from '@grader/shared/src/sandbox';
export * from '@grader/shared/src/submitted-files';
export * from '@grader/shared/src/verdicts';
