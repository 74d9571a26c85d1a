/**
 * What a data-access function asked the database to do, seen through the better-sqlite3
 * handle it was given: the text of every SQL statement it prepared or executed, and which
 * errors came from the database. Installed in the injection runner (the student's process)
 * and in the harness (the reference solution's calls), so both sides are observed alike.
 *
 * It wraps the methods of better-sqlite3's native classes (the addon's Database and Statement
 * prototypes), which every path of the JavaScript API goes through: `prepare`, `exec` and
 * `pragma` of every Database of this process, including one the student's code opens itself
 * with `require('better-sqlite3')`. What it cannot see (a copy of the native addon loaded
 * from another path, another SQLite library) is discussed in docs/security.md.
 *
 * No dependencies but the Database handed in: the runner bundles it.
 */

/** What one call did, in the order it happened. */
export interface Trace {
  /** Distinct SQL texts prepared or executed, in the order of their first appearance. */
  sql: string[];
  /** More distinct texts than `maxTexts` were seen; the rest were dropped. */
  truncated: boolean;
  /** Messages of the errors the database (better-sqlite3 or SQLite) raised during the call. */
  engineErrors: string[];
}

export interface SqlTracer {
  /** Starts recording what the next call does; anything recorded before is dropped. */
  begin(): void;
  /** Stops recording and returns what was recorded since begin(). */
  end(): Trace;
  /**
   * Whether a thrown value is the database's error: an object the database threw (raised by a
   * wrapped method, or of better-sqlite3's class SqliteError, or carrying an SQLITE_ code).
   * A message of the code's own is never taken for one, whatever its words.
   */
  isDatabaseError(err: unknown): boolean;
}

/** Bounds of what one call may record: a loop preparing statements must not fill the memory. */
const MAX_TEXTS = 200;
const MAX_TEXT_CHARS = 64 * 1024;
const MAX_ERRORS = 20;

const DATABASE_METHODS = ['prepare', 'exec'] as const;
const STATEMENT_METHODS = ['run', 'get', 'all', 'iterate', 'bind', 'columns'] as const;

let installed: (SqlTracer & { recording: Recording | undefined }) | undefined;

interface Recording {
  texts: Set<string>;
  truncated: boolean;
  errors: string[];
}

/**
 * Installs the tracer on the native classes behind `db` (once per process; later calls return
 * the same tracer). `SqliteError` is better-sqlite3's error class.
 */
export function installSqlTracer(db: object, SqliteError: abstract new (...args: never[]) => object): SqlTracer {
  if (installed) return installed;
  const thrownByDatabase = new WeakSet<object>();
  const tracer: SqlTracer & { recording: Recording | undefined } = {
    recording: undefined,
    begin() {
      this.recording = { texts: new Set(), truncated: false, errors: [] };
    },
    end() {
      const r = this.recording ?? { texts: new Set<string>(), truncated: false, errors: [] };
      this.recording = undefined;
      return { sql: [...r.texts], truncated: r.truncated, engineErrors: r.errors };
    },
    isDatabaseError(err) {
      if ((typeof err !== 'object' && typeof err !== 'function') || err === null) return false;
      try {
        if (thrownByDatabase.has(err)) return true;
        if (err instanceof SqliteError) return true;
        const code = Object.prototype.hasOwnProperty.call(err, 'code') ? (err as { code?: unknown }).code : undefined;
        return typeof code === 'string' && /^SQLITE_[A-Z_]+$/.test(code);
      } catch {
        return false;
      }
    },
  };

  const recordError = (err: unknown): void => {
    if ((typeof err === 'object' || typeof err === 'function') && err !== null) thrownByDatabase.add(err);
    const r = tracer.recording;
    if (!r || r.errors.length >= MAX_ERRORS) return;
    try {
      const message = (err as { message?: unknown } | null)?.message;
      if (typeof message === 'string' && message !== '') r.errors.push(message.slice(0, 2000));
    } catch {
      // An error whose message cannot be read records nothing.
    }
  };
  const recordSql = (sql: unknown): void => {
    const r = tracer.recording;
    if (!r || typeof sql !== 'string') return;
    const text = sql.length > MAX_TEXT_CHARS ? sql.slice(0, MAX_TEXT_CHARS) : sql;
    if (r.texts.has(text)) return;
    if (r.texts.size >= MAX_TEXTS) r.truncated = true;
    else r.texts.add(text);
  };

  const wrap = (prototype: Record<string, unknown>, name: string, before?: (args: unknown[]) => void): void => {
    const original = prototype[name];
    if (typeof original !== 'function') return;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      before?.(args);
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } catch (err) {
        recordError(err);
        throw err;
      }
    };
    Object.defineProperty(prototype, name, { value: wrapped, writable: true, configurable: true, enumerable: false });
  };

  // The addon's Database object is an own symbol-keyed property of every better-sqlite3 Database.
  const native = Object.getOwnPropertySymbols(db)
    .map((symbol) => (db as Record<symbol, unknown>)[symbol])
    .find((value): value is object => typeof value === 'object' && value !== null && typeof (value as { prepare?: unknown }).prepare === 'function');
  if (!native) throw new Error('better-sqlite3 has no native database object where expected: the tracer cannot be installed');
  const databasePrototype = Object.getPrototypeOf(native) as Record<string, unknown>;
  const probe = (db as { prepare(sql: string): object }).prepare('SELECT 1');
  const statementPrototype = Object.getPrototypeOf(probe) as Record<string, unknown>;
  for (const name of DATABASE_METHODS) wrap(databasePrototype, name, (args) => recordSql(args[0]));
  for (const name of STATEMENT_METHODS) wrap(statementPrototype, name);
  // Errors raised while iterating come from the iterator's own prototype.
  const iterator = (probe as { iterate(): object }).iterate();
  const iteratorPrototype = Object.getPrototypeOf(iterator) as Record<string, unknown>;
  (iterator as { return?: () => void }).return?.();
  wrap(iteratorPrototype, 'next');

  installed = tracer;
  return tracer;
}
