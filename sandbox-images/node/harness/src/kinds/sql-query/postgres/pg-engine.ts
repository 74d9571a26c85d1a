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
 * - `admin`, as the cluster's superuser (`grader`): loads each test's dataset and empties the
 *   database between two tests;
 * - `reader`, as `student`, a role that may only read the tables (default privileges: SELECT):
 *   the query under test runs here, so that no function it calls (set_config('role'),
 *   pg_read_file, lo_import, COPY … PROGRAM) can reach beyond the rows. Its session user is not
 *   a superuser, so SET ROLE or SET SESSION AUTHORIZATION cannot make it one.
 *
 * The server's processes run as this process's uid: the student's for the student's engine,
 * REFERENCE_DB for the reference's (PostgreSQL refuses to run as root). Used by the pg-runner.
 */
export interface PgEngine {
  admin: postgres.Sql;
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
  const connect = (username: string) =>
    postgres({ host: dataDir, database: DATABASE, username, max: 1, prepare: false, fetch_types: false, onnotice: () => {}, connection: { application_name: 'grader' } });
  const admin = connect(PG_ROLES.superuser);
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
  const reader = connect(PG_ROLES.reader);
  await reader.unsafe('SELECT 1');
  return { admin, reader, server, dataDir };
}

/** Stops the server at once (SIGQUIT: its processes end without a checkpoint) and removes its files. */
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

/** Schemas PostgreSQL itself owns; everything else a dataset made is dropped between two tests. */
const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

/**
 * Back to an empty database: the reader's session state (settings, prepared statements, advisory
 * locks) and every schema a dataset created, `public` recreated empty. Roles are cluster-wide
 * and stay; datasets have no reason to make any.
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
  await engine.admin.unsafe(`${drops}\nCREATE SCHEMA public; GRANT USAGE ON SCHEMA public TO PUBLIC;`).simple();
}

/**
 * Runs a dataset script (any number of statements, the exercise's own SQL) on an empty
 * database, as the superuser, and commits it: the reader sees it from its own connection.
 */
export async function loadDataset(engine: PgEngine, script: string): Promise<void> {
  await engine.admin.unsafe(script).simple();
  // A script that left a transaction open would keep its rows from the reader (outside one, COMMIT only warns).
  await engine.admin.unsafe('COMMIT').simple();
}

/**
 * What makeCluster runs in the new cluster, one statement per line (single-user mode): the
 * reader role, with USAGE on every schema and SELECT on every table (views too) and sequence
 * the superuser will make; and only the `postgres`
 * database kept (template0 and template1 are two thirds of the files an engine copies, and
 * nothing here creates a database).
 */
const CLUSTER_SETUP = [
  `CREATE ROLE ${PG_ROLES.reader} LOGIN`,
  `ALTER DEFAULT PRIVILEGES FOR ROLE ${PG_ROLES.superuser} GRANT SELECT ON TABLES TO ${PG_ROLES.reader}`,
  `ALTER DEFAULT PRIVILEGES FOR ROLE ${PG_ROLES.superuser} GRANT SELECT ON SEQUENCES TO ${PG_ROLES.reader}`,
  `ALTER DEFAULT PRIVILEGES FOR ROLE ${PG_ROLES.superuser} GRANT USAGE ON SCHEMAS TO ${PG_ROLES.reader}`,
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
