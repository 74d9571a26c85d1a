import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import postgres from 'postgres';
import { CONTAINER_LAYOUT } from '../../../container-layout';
import { SERVER_SETTINGS } from './pg-settings';

/**
 * One PostgreSQL engine: Debian's PostgreSQL 15 server on a private copy of the cluster made
 * when the image was built, listening on a Unix socket in its own data directory only (no TCP),
 * and two client connections to it:
 *
 * - `reader`, as `student`, a login that is not a superuser: each test's dataset is loaded here
 *   in a transaction, the query under test runs in it read-only, and it is rolled back
 *   (loadDataset). No function the query calls (set_config('role'), pg_read_file, lo_import)
 *   can reach beyond the dataset's rows: its session user is not a superuser, so SET ROLE or
 *   SET SESSION AUTHORIZATION cannot make it one;
 * - `admin`, as the cluster's superuser (`grader`): empties the database after a dataset that
 *   committed itself (resetDatabase).
 *
 * The server's processes run as this process's uid: the student's for the student's engine,
 * REFERENCE_DB for the reference's (PostgreSQL refuses to run as root). Used by the pg-runner.
 */
export interface PgEngine {
  readonly admin: postgres.Sql;
  reader: postgres.Sql;
  server: ChildProcess;
  dataDir: string;
}

/** The cluster's roles and database, made by makeCluster. */
export const PG_ROLES = { superuser: 'grader', reader: 'student' } as const;
const DATABASE = 'postgres';

/**
 * An engine's data directory in its work directory: the server's uid removes every one of
 * them it owns before copying its own (those of engines killed with their runner, which could
 * not); another uid's, in a shared /tmp, stay.
 */
const DATA_DIR_PREFIX = 'pg-data-';

/** $0 the cluster, $1 the data directory, $2 the server binary, $3 the work directory, then the server's flags. */
const START_SCRIPT = `umask 077; rm -rf "$3"/${DATA_DIR_PREFIX}* 2>/dev/null; cp -R "$0" "$1" && d="$1" && p="$2" && shift 3 && exec "$p" -D "$d" -k "$d" "$@"`;

/** How often a starting server is polled. */
const READY_POLL_MS = 5;

export interface StartOptions {
  /** The cluster made at build time (CONTAINER_LAYOUT.pgCluster), copied, never written. */
  clusterDir: string;
  /** Where the private copy goes (a tmpfs the server's uid may write). */
  workDir: string;
  /** The server's binaries (CONTAINER_LAYOUT.pgBin). */
  binDir?: string;
}

/**
 * Starts an engine: the cluster copied (by the server's own uid, mode 0700, as PostgreSQL
 * insists; in a shell that then becomes the server, so one spawn), the server started on it, then both connections opened. About 0.1 s. Throws when
 * the server does not come up (its stderr, inherited, says why).
 */
export async function startEngine(options: StartOptions): Promise<PgEngine> {
  const binDir = options.binDir ?? CONTAINER_LAYOUT.pgBin;
  const dataDir = path.join(options.workDir, `${DATA_DIR_PREFIX}${randomUUID()}`);
  const flags = Object.entries(SERVER_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const server = spawn('/bin/sh', ['-c', START_SCRIPT, options.clusterDir, dataDir, path.join(binDir, 'postgres'), options.workDir, ...flags], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  server.once('exit', () => (exited = true));
  const admin = connect(dataDir, PG_ROLES.superuser);
  for (;;) {
    if (exited) throw new Error('the PostgreSQL server exited while starting');
    try {
      await admin.unsafe('SELECT 1');
      break;
    } catch (err) {
      // The socket is not there yet, or the server is still starting up (57P03).
      if (!/ENOENT|ECONNREFUSED|57P03|starting up/.test(`${(err as { code?: string }).code} ${(err as Error).message}`)) throw err;
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  }
  const reader = connect(dataDir, PG_ROLES.reader);
  await reader.unsafe('SELECT 1');
  return { admin, reader, server, dataDir };
}

/** One connection (the client's pool of one) to the engine in `dataDir`, as `username`. */
function connect(dataDir: string, username: string): postgres.Sql {
  return postgres({ host: dataDir, database: DATABASE, username, max: 1, prepare: false, fetch_types: false, onnotice: () => {}, connection: { application_name: 'grader' } });
}

/**
 * A new session for the reader, the old one closed: after a query stopped at temp_file_limit,
 * whose temporary file the old session may keep (seen when the limit is reached as a huge
 * value is sent: the next queries of that session then fail at once). A session's temporary
 * files go with it.
 */
export async function renewReader(engine: PgEngine): Promise<void> {
  await engine.reader.end({ timeout: 0 });
  engine.reader = connect(engine.dataDir, PG_ROLES.reader);
  await engine.reader.unsafe('SELECT 1');
}

/**
 * Stops the server at once (SIGQUIT: its processes end without a checkpoint). Its files stay
 * until the next engine of the same uid starts (START_SCRIPT removes them) or the container goes.
 */
export async function stopEngine(engine: PgEngine): Promise<void> {
  engine.server.kill('SIGQUIT');
  await Promise.allSettled([engine.admin.end({ timeout: 0 }), engine.reader.end({ timeout: 0 })]);
}

/**
 * `sql` by the extended protocol (Parse, Bind, Execute), which takes one statement only. The
 * client sends a query without parameters by the simple protocol unless told (`simple` is not
 * in its types, but is its option: postgres.js, src/index.js, unsafe()).
 */
export function extended(db: postgres.Sql, sql: string) {
  return db.unsafe(sql, [], { simple: false } as postgres.UnsafeQueryOptions);
}

/** Schemas PostgreSQL itself owns; everything else a dataset made is dropped by resetDatabase. */
const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

/**
 * Back to an empty database after a dataset that committed itself (loadDataset): the
 * sessions' state (settings, prepared statements, advisory locks) and every schema a dataset
 * created, `public` recreated empty and given back to the reader. Roles are cluster-wide and
 * stay; datasets have no reason to make any.
 */
export async function resetDatabase(engine: PgEngine): Promise<void> {
  // Two calls each: several statements in one simple query run in one transaction, which DISCARD refuses.
  for (const client of [engine.reader, engine.admin]) {
    await client.unsafe('ROLLBACK').simple();
    await client.unsafe('DISCARD ALL').simple();
  }
  const schemas = await engine.admin.unsafe<Array<{ name: string }>>(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname NOT IN (${SYSTEM_SCHEMAS.map((n) => `'${n}'`).join(', ')}) AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`,
  );
  const drops = schemas.map((s) => `DROP SCHEMA ${quoteIdentifier(s.name)} CASCADE;`).join('\n');
  await engine.admin.unsafe(`${drops}\nCREATE SCHEMA public AUTHORIZATION ${PG_ROLES.reader}; GRANT USAGE ON SCHEMA public TO PUBLIC;`).simple();
}

/**
 * Runs a dataset script (any number of statements, the exercise's own SQL) as the reader,
 * inside a transaction that the query then shares, made read-only once the script is in (a
 * switch to read-only is allowed after writes, back to read-write is not), and that is rolled
 * back after the query (pg-execute.ts): the dataset is never committed, and nothing is left
 * to drop. A rolled-back CREATE TABLE costs a fraction of a dropped one. The two messages go
 * out together (one round trip): after a failed script, the second fails too, harmlessly.
 *
 * Resolves with whether the script committed itself (a COMMIT of its own): its tables then
 * stay, the query gets a read-only transaction of its own, and the runner empties the
 * database before the next test (resetDatabase). Throws the script's error, rolled back.
 */
export async function loadDataset(engine: PgEngine, script: string): Promise<{ committed: boolean }> {
  const { reader } = engine;
  const loading = reader.unsafe(`BEGIN;\n${script}`).simple().then(() => undefined, (err: unknown) => err);
  // A SAVEPOINT outside a transaction block fails (25P01): the script's own COMMIT ended ours.
  const marking = reader.unsafe('SAVEPOINT grader_loaded; SET LOCAL transaction_read_only = on').simple().then(() => undefined, (err: unknown) => err as { code?: string });
  const [failed, unmarked] = [await loading, await marking];
  if (failed !== undefined) {
    await reader.unsafe('ROLLBACK').simple();
    throw failed;
  }
  if (unmarked !== undefined && unmarked.code !== NO_TRANSACTION) throw unmarked;
  return { committed: unmarked !== undefined };
}

/** SQLSTATE 25P01, no_active_sql_transaction. */
const NO_TRANSACTION = '25P01';

/**
 * Creates the tables of a schema that several datasets share (a generated test's: the same
 * CREATE statements, other rows), committed and kept: each dataset then loads only its rows.
 * Its DDL then costs once per generated test rather than once per dataset.
 */
export async function createSchema(engine: PgEngine, ddl: string): Promise<void> {
  await engine.reader.unsafe(ddl).simple();
}

/** PostgreSQL 15's functions that create or write large objects (lo_import is a superuser's already). */
const LARGE_OBJECT_WRITERS = [
  'lo_creat(integer)',
  'lo_create(oid)',
  'lo_from_bytea(oid, bytea)',
  'lo_put(oid, bigint, bytea)',
  'lo_open(oid, integer)',
  'lowrite(integer, bytea)',
  'lo_truncate(integer, integer)',
  'lo_truncate64(integer, bigint)',
  'lo_unlink(oid)',
];

/**
 * What makeCluster runs in the new cluster, one statement per line (single-user mode): the
 * reader role, a login that is not a superuser, owning `public` and allowed to create schemas
 * (a dataset may make its own); and only the `postgres` database kept (template0 and
 * template1 are two thirds of the files an engine copies, and nothing here creates a database).
 */
const CLUSTER_SETUP = [
  `CREATE ROLE ${PG_ROLES.reader} LOGIN`,
  `ALTER SCHEMA public OWNER TO ${PG_ROLES.reader}`,
  `GRANT CREATE ON DATABASE ${DATABASE} TO ${PG_ROLES.reader}`,
  // Large objects are written outside the rules of a read-only transaction (lo_from_bytea wrote
  // in one, until the 2 MiB file limit stopped it): no exercise needs them.
  `REVOKE EXECUTE ON FUNCTION ${LARGE_OBJECT_WRITERS.join(', ')} FROM PUBLIC`,
  `UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')`,
  'DROP DATABASE template0',
  'DROP DATABASE template1',
  'CHECKPOINT',
];

/**
 * Makes the cluster startEngine copies (once, when the image is built, as a uid that is not
 * root): initdb with C collation, UTF-8, 1 MiB WAL segments (the container allows no larger
 * file) and trust on the Unix socket (only the engine's own uid can reach it: the socket's
 * directory is the 0700 data directory); then CLUSTER_SETUP. The caller makes it readable by
 * all (each engine copies it).
 */
export function makeCluster(clusterDir: string, binDir: string = CONTAINER_LAYOUT.pgBin): void {
  const initdb = spawnSync(path.join(binDir, 'initdb'), ['-D', clusterDir, '-U', PG_ROLES.superuser, '--auth=trust', '--no-sync', '--no-instructions', '--wal-segsize=1', '-E', 'UTF8', '--locale=C'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (initdb.status !== 0) throw new Error(`initdb failed (${initdb.status ?? initdb.signal})`);
  const setup = spawnSync(path.join(binDir, 'postgres'), ['--single', '-D', clusterDir, '-c', 'log_min_messages=warning', DATABASE], {
    input: `${CLUSTER_SETUP.join('\n')}\n`,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr = setup.stderr.toString();
  if (setup.status !== 0 || /ERROR|FATAL/.test(stderr)) throw new Error(`the cluster's setup failed (${setup.status ?? setup.signal}): ${stderr.slice(0, 2000)}`);
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
