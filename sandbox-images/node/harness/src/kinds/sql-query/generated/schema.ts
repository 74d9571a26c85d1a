import Database from 'better-sqlite3';
import type { SqlColumnDomain, SqlDialect, SqlGenerated } from '../../../contracts';
import { ExerciseDefect } from '../../../common/exercise-defect';
import type { QueryConstants } from './query-facts';
import { splitStatements, sqlTokens, isWord } from './sql-tokens';
import { defaultPool, offsetSeconds, type GenValue, type ValueKind } from './values';

/** One column of a table generated datasets fill. */
export interface GenColumn {
  name: string;
  kind: ValueKind;
  /** Digits after the decimal point (decimal). */
  scale: number;
  nullable: boolean;
  /** No two rows share a non-NULL value (a single-column key, UNIQUE, or declared). */
  unique: boolean;
  primaryKey: boolean;
  /** The column holds values of another table's column: declared (a foreign key) or not (`references` of its domain). */
  references?: { table: string; column: string };
  /**
   * Drawn as `table.column` of the row this row references (through its column `via`, an index)
   * plus one of the offsets, in seconds.
   */
  offsetFrom?: { table: string; column: string; via: number; offsets: number[] };
  /** What it is drawn from, when it is neither a key nor a reference (NULL apart). */
  pool: GenValue[];
}

export interface GenTable {
  name: string;
  /** One row, in words: "customer". */
  noun: string;
  /** Several, in words: "customers". */
  plural: string;
  columns: GenColumn[];
  maxRows: number;
  /** Sets of columns no two rows may share (a composite key or UNIQUE), as column indexes. */
  uniqueSets: number[][];
}

export interface GenSchema {
  /** Parents before the tables that reference them. */
  tables: GenTable[];
  /** The CREATE statements of the schema's script, as written: each generated dataset starts with them. */
  ddl: string;
}

export const DEFAULT_MAX_ROWS = 4;

/**
 * The tables a generated dataset fills, read from a dataset script's CREATE TABLE statements
 * (SQLite parses them, PostgreSQL's too when they use nothing beyond standard types and keys:
 * only their structure is read here; each dataset runs them in its own dialect), with the
 * manifest's domains on top. A problem is the exercise's: ExerciseDefect.
 */
export function readSchema(script: string, scriptName: string, dialect: SqlDialect, generated: SqlGenerated, constants: QueryConstants): GenSchema {
  const creates = splitStatements(script, dialect).filter((s) => {
    const tokens = sqlTokens(s, dialect);
    return isWord(tokens[0], 'create');
  });
  const tableStatements = creates.filter((s) => /^create\s+(?:temp(?:orary)?\s+)?table\b/i.test(s));
  if (tableStatements.length === 0) throw new ExerciseDefect(`the schema of the generated datasets (${scriptName}) has no CREATE TABLE statement`);
  const db = new Database(':memory:');
  try {
    for (const statement of tableStatements) {
      try {
        db.exec(statement);
      } catch (err) {
        throw new ExerciseDefect(`the tables of ${scriptName} could not be read for generated datasets (${(err as Error).message}): keep its CREATE TABLE statements to standard types and keys`);
      }
    }
    const tables = introspect(db, generated, constants, scriptName);
    return { tables: topological(tables, scriptName), ddl: `${creates.join(';\n')};\n` };
  } finally {
    db.close();
  }
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

function introspect(db: Database.Database, generated: SqlGenerated, constants: QueryConstants, scriptName: string): GenTable[] {
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").all() as Array<{ name: string }>).map((r) => r.name);
  const domains = generated.columns ?? {};
  for (const key of Object.keys(domains)) {
    const [table, column] = key.split('.') as [string, string];
    const found = names.find((n) => n.toLowerCase() === table.toLowerCase());
    const columns = found ? (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(found) as Array<{ name: string }>).map((c) => c.name.toLowerCase()) : [];
    if (!found || !columns.includes(column.toLowerCase())) throw new ExerciseDefect(`generated.columns names ${key}, which ${scriptName} does not create`);
  }
  for (const key of Object.keys({ ...generated.rows, ...generated.nouns })) {
    if (!names.some((n) => n.toLowerCase() === key.toLowerCase())) throw new ExerciseDefect(`generated names the table ${key}, which ${scriptName} does not create`);
  }
  const lookup = <T>(record: Record<string, T> | undefined, key: string): T | undefined => {
    const found = Object.keys(record ?? {}).find((k) => k.toLowerCase() === key.toLowerCase());
    return found === undefined ? undefined : record![found];
  };

  return names.map((table) => {
    const info = db.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid').all(table) as ColumnInfo[];
    const keys = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const foreign = db.prepare('SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)').all(table) as Array<{ table: string; from: string; to: string | null }>;
    const uniqueSets: string[][] = [];
    if (keys.length > 1) uniqueSets.push(keys.map((k) => k.name));
    for (const index of db.prepare('SELECT name, "unique", origin FROM pragma_index_list(?)').all(table) as Array<{ name: string; unique: number; origin: string }>) {
      if (!index.unique) continue;
      const columns = (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index.name) as Array<{ name: string | null }>).map((c) => c.name);
      if (columns.every((c): c is string => c !== null) && !uniqueSets.some((s) => s.join() === columns.join())) uniqueSets.push(columns);
    }
    const maxRows = lookup(generated.rows, table) ?? DEFAULT_MAX_ROWS;
    const columns: GenColumn[] = info.map((c) => {
      const domain: SqlColumnDomain = lookup(domains, `${table}.${c.name}`) ?? {};
      const primaryKey = keys.length === 1 && keys[0]!.name === c.name;
      const declaredReference = foreign.find((f) => f.from === c.name);
      const references = declaredReference
        ? { table: declaredReference.table, column: declaredReference.to ?? primaryKeyOf(db, declaredReference.table, scriptName) }
        : domain.references
          ? splitReference(domain.references)
          : undefined;
      const kind = domain.type ?? (primaryKey || references ? kindOfType(c.type) ?? 'integer' : kindOfType(c.type));
      if (kind === undefined && !domain.values) {
        throw new ExerciseDefect(`${table}.${c.name} has the type ${c.type || '(none)'}, which generated datasets cannot fill: give generated.columns.${table}.${c.name} a type or values`);
      }
      const scale = domain.scale ?? scaleOfType(c.type) ?? 2;
      const unique = primaryKey || domain.unique === true || uniqueSets.some((s) => s.length === 1 && s[0] === c.name);
      const nullable = c.notnull === 0 && c.pk === 0 && (domain.nullable ?? true);
      const resolvedKind = kind ?? 'text';
      const pool = domain.values
        ? domain.values.map((v) => v as GenValue)
        : defaultPool({ kind: resolvedKind, scale, constants, ...(domain.min !== undefined && { min: domain.min }), ...(domain.max !== undefined && { max: domain.max }), atLeast: unique ? maxRows : 0 });
      const column: GenColumn = { name: c.name, kind: resolvedKind, scale, nullable, unique, primaryKey, pool };
      if (references) column.references = references;
      if (domain.offsetFrom) {
        const [parent, parentColumn] = domain.offsetFrom.column.split('.') as [string, string];
        column.offsetFrom = { table: parent, column: parentColumn, via: -1, offsets: domain.offsetFrom.offsets.map(offsetSeconds) };
      }
      return column;
    });
    const index = (name: string): number => columns.findIndex((c) => c.name === name);
    const { noun, plural } = nounsOf(table, lookup(generated.nouns, table));
    return { name: table, noun, plural, columns, maxRows, uniqueSets: uniqueSets.map((s) => s.map(index)) };
  });
}

function splitReference(text: string): { table: string; column: string } {
  const [table, column] = text.split('.') as [string, string];
  return { table, column };
}

function primaryKeyOf(db: Database.Database, table: string, scriptName: string): string {
  const keys = (db.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table) as Array<{ name: string }>).map((c) => c.name);
  if (keys.length !== 1) throw new ExerciseDefect(`a reference to ${table} in ${scriptName} names no column, and ${table} has no single-column primary key`);
  return keys[0]!;
}

/** What a declared type holds; undefined for types generated datasets cannot fill (time, interval, json, bytea, …). */
export function kindOfType(declared: string): ValueKind | undefined {
  const type = declared.toLowerCase().trim();
  if (/^(int|integer|bigint|smallint|tinyint|mediumint|int2|int4|int8|serial|bigserial|smallserial)\b/.test(type) || type === '') return type === '' ? undefined : 'integer';
  if (/^(numeric|decimal|real|double|float|money)/.test(type)) return 'decimal';
  if (/^bool/.test(type)) return 'boolean';
  if (/^(timestamp|datetime)/.test(type)) return 'timestamp';
  if (/^date\b/.test(type)) return 'date';
  if (/^(text|varchar|character|char|nvarchar|nchar|clob|string|citext|name)\b/.test(type) || /char/.test(type)) return 'text';
  return undefined;
}

function scaleOfType(declared: string): number | undefined {
  const m = /^\s*(?:numeric|decimal)\s*\(\s*\d+\s*,\s*(\d+)\s*\)/i.exec(declared);
  return m ? Number(m[1]) : undefined;
}

/** "customers" → customer / customers; "order_items" → order item / order items. */
export function nounsOf(table: string, declared?: string): { noun: string; plural: string } {
  const plural = table.replace(/_/g, ' ').toLowerCase();
  if (declared) return { noun: declared, plural: pluralOf(declared, plural) };
  let noun = plural;
  if (/ies$/.test(noun)) noun = noun.replace(/ies$/, 'y');
  else if (/(ss|x|ch|sh)es$/.test(noun)) noun = noun.replace(/es$/, '');
  else if (/[^s]s$/.test(noun)) noun = noun.slice(0, -1);
  return { noun, plural };
}

function pluralOf(noun: string, fallback: string): string {
  if (/y$/.test(noun) && !/[aeiou]y$/.test(noun)) return noun.replace(/y$/, 'ies');
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return /\s/.test(fallback) || noun !== fallback ? `${noun}s` : fallback;
}

/** Parents first; a table may reference itself. A cycle between tables is the exercise's. */
function topological(tables: GenTable[], scriptName: string): GenTable[] {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  for (const t of tables) {
    for (const c of t.columns) {
      if (!c.references) continue;
      const parent = byName.get(c.references.table.toLowerCase());
      if (!parent) throw new ExerciseDefect(`${t.name}.${c.name} references ${c.references.table}, which ${scriptName} does not create`);
      const column = parent.columns.find((p) => p.name.toLowerCase() === c.references!.column.toLowerCase());
      if (!column) throw new ExerciseDefect(`${t.name}.${c.name} references ${c.references.table}.${c.references.column}, which does not exist`);
      c.references = { table: parent.name, column: column.name };
    }
    for (const c of t.columns) {
      if (!c.offsetFrom) continue;
      const from = c.offsetFrom;
      const via = t.columns.findIndex((r) => r.references?.table.toLowerCase() === from.table.toLowerCase());
      const parent = byName.get(from.table.toLowerCase());
      const column = parent?.columns.find((p) => p.name.toLowerCase() === from.column.toLowerCase());
      if (via < 0 || !parent || !column) {
        throw new ExerciseDefect(`offsetFrom of ${t.name}.${c.name} names ${from.table}.${from.column}: it needs a column of ${t.name} that references ${from.table}, and ${from.table} a column ${from.column}`);
      }
      if (c.kind !== 'date' && c.kind !== 'timestamp') throw new ExerciseDefect(`offsetFrom of ${t.name}.${c.name}: only dates and timestamps are drawn relative to another`);
      c.offsetFrom = { table: parent.name, column: column.name, via, offsets: from.offsets };
    }
  }
  const ordered: GenTable[] = [];
  const state = new Map<GenTable, 'visiting' | 'done'>();
  const visit = (t: GenTable): void => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new ExerciseDefect(`the tables of ${scriptName} reference each other in a cycle, which generated datasets cannot fill`);
    state.set(t, 'visiting');
    for (const c of t.columns) {
      const parent = c.references && byName.get(c.references.table.toLowerCase());
      if (parent && parent !== t) visit(parent);
    }
    state.set(t, 'done');
    ordered.push(t);
  };
  tables.forEach(visit);
  return ordered;
}
