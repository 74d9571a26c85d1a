/**
 * Where the harness asks a long-lived app runner (generated checks) to start its app over:
 * `POST <prefix><token>`, the token given to that process alone, so that no route of an app
 * can be taken for it.
 */
export const RESET_PATH_PREFIX = '/.grader-reset/';
