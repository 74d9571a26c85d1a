/**
 * The PostgreSQL server's settings (pg-engine.ts starts it with them), apart from the engine
 * so that the harness can read the limits without loading the client.
 */

/** Temporary files one session may write, MiB: a quarter of the tmpfs its data directory shares (LIMITS.sandbox.tmpfsBytes). */
export const TEMP_FILE_LIMIT_MB = 16;

/**
 * Server settings, given on the command line so that they are read here rather than in a file
 * of the image. Why each:
 * - durability off (fsync, full pages, synchronous commit, minimal WAL): the cluster lives for
 *   one submission in memory (tmpfs); a crash loses nothing worth keeping;
 * - no background work that a one-submission server does not need (autovacuum, parallel
 *   workers, WAL senders, the JIT compiler, which would load LLVM for a large query);
 * - dynamic shared memory in files of the data directory: the container's /dev/shm is 1 MiB;
 * - UTC, C collation (the cluster's), English messages: the same answers on every host;
 * - temp_file_limit: a sort, hash or recursive CTE that spills past it fails (SQLSTATE 53400, the
 *   student's storage verdict) before it can fill the tmpfs the data directory is on.
 */
export const SERVER_SETTINGS: Readonly<Record<string, string>> = {
  listen_addresses: '',
  fsync: 'off',
  full_page_writes: 'off',
  synchronous_commit: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  autovacuum: 'off',
  max_worker_processes: '0',
  max_parallel_workers_per_gather: '0',
  jit: 'off',
  shared_buffers: '16MB',
  max_connections: '6',
  // 1 MiB segments (makeCluster): a checkpoint every 16 of them keeps the WAL small.
  min_wal_size: '2MB',
  max_wal_size: '16MB',
  dynamic_shared_memory_type: 'mmap',
  timezone: 'UTC',
  log_timezone: 'UTC',
  lc_messages: 'C',
  temp_file_limit: `${TEMP_FILE_LIMIT_MB}MB`,
  unix_socket_permissions: '0700',
  log_min_messages: 'fatal',
  log_min_error_statement: 'panic',
};
