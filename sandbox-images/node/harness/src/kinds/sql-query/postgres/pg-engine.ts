import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

/**
 * One PostgreSQL engine (PGlite: PostgreSQL compiled to WebAssembly, in this process, no
 * server, no network, its files in memory) and what a test does with it: start from the
 * prepared data directory, reset between two tests, load a dataset. Used by the pg-runner,
 * in the student's process for the student's query and in a trusted process for the
 * reference solution.
 */
export type PgEngine = PGlite;

/**
 * Starts an engine. `templatePath` is a tar of a freshly initialised data directory (made
 * once, when the image is built: `pg-runner.js --make-template`); without one, PGlite runs
 * initdb itself, which takes some 3 s more.
 */
export async function startEngine(templatePath?: string): Promise<PgEngine> {
  const options = templatePath ? { loadDataDir: new Blob([readFileSync(templatePath)]) } : {};
  return PGlite.create(options);
}

/**
 * Writes a template data directory for startEngine: a fresh database with a small WAL
 * segment, without the template databases (template0 and template1, half the directory):
 * nothing here creates a database, and an engine loads the rest some 0.1 s of CPU faster.
 */
export async function makeTemplate(): Promise<Uint8Array> {
  const db = await PGlite.create({ initDbStartParams: ['--wal-segsize=1'] });
  const templates = await db.query<{ oid: number }>("SELECT oid FROM pg_database WHERE datname IN ('template0', 'template1')");
  await db.exec('CHECKPOINT');
  const fs = (db.Module as { FS: EmscriptenFs }).FS;
  for (const { oid } of templates.rows) removeTree(fs, `${DATA_DIR}/base/${oid}`);
  const dump = await db.dumpDataDir('none');
  await db.close();
  return new Uint8Array(await dump.arrayBuffer());
}

/** Where PGlite keeps the data directory in its in-memory file system. */
const DATA_DIR = '/pglite/data';

interface EmscriptenFs {
  readdir(path: string): string[];
  isDir(mode: number): boolean;
  stat(path: string): { mode: number };
  unlink(path: string): void;
  rmdir(path: string): void;
}

function removeTree(fs: EmscriptenFs, dir: string): void {
  for (const name of fs.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const child = `${dir}/${name}`;
    if (fs.isDir(fs.stat(child).mode)) removeTree(fs, child);
    else fs.unlink(child);
  }
  fs.rmdir(dir);
}

/** Schemas PostgreSQL itself owns; everything else a dataset made is dropped between two tests. */
const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

/**
 * Back to an empty database: the session's state (settings, prepared statements, cursors,
 * temporary tables, advisory locks) and every schema a dataset created, `public` recreated
 * empty. Roles are cluster-wide and stay; datasets have no reason to make any.
 */
export async function resetDatabase(db: PgEngine): Promise<void> {
  if (db.isInTransaction()) await db.exec('ROLLBACK');
  await db.exec('DISCARD ALL');
  const schemas = await db.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname <> ALL ($1) AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`,
    [SYSTEM_SCHEMAS],
  );
  const drops = schemas.rows.map((s) => `DROP SCHEMA ${quoteIdentifier(s.name)} CASCADE;`).join('\n');
  await db.exec(`${drops}\nCREATE SCHEMA public; GRANT ALL ON SCHEMA public TO PUBLIC;`);
}

/** Runs a dataset script (any number of statements, the exercise's own SQL) on an empty database. */
export async function loadDataset(db: PgEngine, script: string): Promise<void> {
  await db.exec(script);
  // A script that left a transaction open would hold the student's query in it.
  if (db.isInTransaction()) await db.exec('COMMIT');
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
