import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * What a database holds, in a form two databases can be compared by: each table's row count
 * and a hash of its rows (in no particular order), and the schema's text. Read by the harness
 * from the file, after the student's process is gone: nothing the student's code did can
 * change how it is measured.
 */
export interface TableFingerprint {
  rows: number;
  hash: string;
}

export interface DatabaseFingerprint {
  tables: Record<string, TableFingerprint>;
  /** Hash of every schema entry's SQL (tables, indexes, triggers, views). */
  schema: string;
}

/** The file is not a database any more (the student's code broke it). */
export class UnreadableDatabase extends Error {
  override readonly name = 'UnreadableDatabase';
}

export function fingerprint(databasePath: string): DatabaseFingerprint {
  let db: Database.Database | undefined;
  try {
    db = new Database(databasePath, { readonly: true, fileMustExist: true });
    // A schema the student's code wrote must not run functions of its choosing while we read.
    db.pragma('trusted_schema = OFF');
    const entries = db.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name").raw(true).all() as Array<[string, string, string | null]>;
    const schema = createHash('sha256');
    const tables: Record<string, TableFingerprint> = {};
    for (const [type, name, sql] of entries) {
      schema.update(`${type}\u0000${name}\u0000${sql ?? ''}\u0000`);
      if (type !== 'table' || name.startsWith('sqlite_')) continue;
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw(true).all() as unknown[][];
      const lines = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? `x'${value.toString('hex')}'` : typeof value === 'bigint' ? String(value) : value))).sort();
      const hash = createHash('sha256');
      for (const line of lines) hash.update(`${line}\n`);
      tables[name] = { rows: rows.length, hash: hash.digest('hex') };
    }
    return { tables, schema: schema.digest('hex') };
  } catch (err) {
    throw new UnreadableDatabase(`the database cannot be read: ${(err as { message?: unknown })?.message ?? String(err)}`);
  } finally {
    db?.close();
  }
}

/** How `actual` differs from `expected`, in short phrases ("the table users was dropped"); empty when equal. */
export function fingerprintChanges(expected: DatabaseFingerprint, actual: DatabaseFingerprint): string[] {
  const changes: string[] = [];
  for (const [name, want] of Object.entries(expected.tables)) {
    const got = actual.tables[name];
    if (!got) changes.push(`the table ${name} was dropped`);
    else if (got.rows < want.rows) changes.push(`the table ${name} lost ${plural(want.rows - got.rows, 'row')}`);
    else if (got.rows > want.rows) changes.push(`the table ${name} has ${plural(got.rows - want.rows, 'row')} too many`);
    else if (got.hash !== want.hash) changes.push(`rows of the table ${name} were changed`);
  }
  for (const name of Object.keys(actual.tables)) {
    if (!(name in expected.tables)) changes.push(`a table ${name} was created`);
  }
  if (changes.length === 0 && expected.schema !== actual.schema) changes.push("the database's schema was changed");
  return changes;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
