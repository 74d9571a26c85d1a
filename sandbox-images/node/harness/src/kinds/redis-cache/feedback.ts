import type { CacheCheck } from '../../contracts';

/**
 * What each check teaches when it fails (checkedFeedback shows it at every visibility): what a
 * cache in front of a slow source must do, nothing of the test's requests or data.
 */
export const CHECK_LESSONS: Readonly<Record<CacheCheck, string>> = {
  'cache-hit': 'a repeated read went to the slow source again: keep what you read in Redis and answer later reads from there until the entry expires',
  invalidation: 'a read after a change showed the old data: delete (or update) the cached entry whenever your app changes the data behind it',
  ttl: 'a cached entry has no expiry, or not the one asked for: set the TTL the statement gives on every entry you write (SET with EX, or EXPIRE)',
  'key-design': 'entries are not stored under the keys the statement names: one key per resource, spelled as the statement says',
  'errors-not-cached': 'a failure or a "not found" from the source was kept as if it were data: cache only successful answers',
  isolation: "one caller's data reached another through the cache: put everything that changes an answer (the caller, the query) into its key",
};
