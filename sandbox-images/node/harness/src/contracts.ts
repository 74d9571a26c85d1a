/**
 * The parts of @grader/contracts the harness uses, imported file by file so that the bundle
 * holds only the sandbox protocol, the manifest and the limits.
 */
export * from '@grader/contracts/src/limits';
export * from '@grader/contracts/src/manifest';
export * from '@grader/contracts/src/sandbox';
export * from '@grader/contracts/src/submitted-files';
export * from '@grader/contracts/src/verdicts';
