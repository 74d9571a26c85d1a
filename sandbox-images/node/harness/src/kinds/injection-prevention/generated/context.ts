import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Visibility } from '../../../contracts';
import { seedOf } from '../../../common/generated/search';
import type { ArgValue, BatteryContext } from './battery';
import type { GeneratedCheck } from './check';
import type { InjectionCallRequest } from '../runner-protocol';

/** From what the student sees most of to least. */
const VISIBILITY_ORDER: readonly Visibility[] = ['visible', 'name-only', 'hidden'];

export interface Context extends BatteryContext {
  secrets: string[];
}

/**
 * What the grammars build with: ordinary values (those of the tests the student sees at least as
 * much of as this check, that the reference accepts, and the check's own `values`),
 * the database's short texts, tables and columns, each function's row width, and the marker.
 */
export async function prepareContext(check: GeneratedCheck): Promise<Context> {
  const { functions, secrets } = check.manifest.injection;
  const ordinaryCalls = new Map<string, { fn: string; args: Record<string, ArgValue> }>();
  // Values of tests the student sees no less than this check: its feedback may quote them, and a
  // trial run (visible tests only) then builds the same inputs as the submission's grading.
  const shown = VISIBILITY_ORDER.indexOf(check.test.visibility);
  for (const test of check.manifest.tests) {
    if (test.payload || !test.calls || test.setup !== undefined || VISIBILITY_ORDER.indexOf(test.visibility) > shown) continue;
    for (const call of test.calls) ordinaryCalls.set(JSON.stringify([call.fn, call.args]), { fn: call.fn, args: call.args });
  }
  const accepted: Array<{ fn: string; args: Record<string, ArgValue>; value: unknown }> = [];
  for (const call of ordinaryCalls.values()) {
    const copy = path.join(check.workDir, 'probe.sqlite');
    copyFileSync(check.baseDatabase, copy);
    const args = (functions[call.fn] ?? []).map((p): InjectionCallRequest['args'][number] => (p in call.args ? { value: call.args[p] } : {}));
    const { outcomes } = await check.reference.run(copy, [{ fn: call.fn, args }], []);
    // Refused by the reference (or not its function): no ordinary value to build attacks around.
    if (outcomes[0]?.kind === 'returned') accepted.push({ ...call, value: outcomes[0].value });
  }

  const ordinary: Record<string, Array<ArgValue | undefined>> = {};
  const add = (param: string, value: ArgValue | undefined): void => {
    const list = (ordinary[param] ??= []);
    if (!list.some((v) => v === value)) list.push(value);
  };
  for (const call of accepted) for (const p of functions[call.fn] ?? []) add(p, call.args[p]);
  for (const [p, values] of Object.entries(check.test.generated.values ?? {})) ordinary[p] = [...values];

  const arity: Record<string, number | undefined> = {};
  for (const call of accepted) {
    if (arity[call.fn] !== undefined) continue;
    const row = Array.isArray(call.value) ? call.value[0] : call.value;
    if (row !== null && typeof row === 'object' && !Array.isArray(row)) arity[call.fn] = Object.keys(row).length;
  }

  const { tables, texts } = readDatabase(check.baseDatabase, secrets);
  return { marker: markerOf(check.slug, check.test.name), numericMarker: numericMarkerOf(check.slug, check.test.name), functions, ordinary, texts, tables, arity, secrets };
}

/** The check's taint marker: letters only (so no escaping splits it), from its seed: `zq` and eight consonants. */
export function markerOf(slug: string, testName: string): string {
  const letters = 'bcdfghjkmnpqrstvwxz';
  let seed = seedOf(slug, testName, 'taint marker') >>> 0;
  let marker = 'zq';
  for (let i = 0; i < 8; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    marker += letters[(seed >>> 16) % letters.length];
  }
  return marker;
}

/**
 * The check's numeric taint marker, for parameters whose ordinary values are whole numbers (an
 * id): nine digits, the first a 9, from its seed. Code that checks an id is digits and then
 * pastes it (`WHERE id = ${Number(id)}`) lets no letter through, so the letter marker never
 * reaches its SQL; this number does, and no statement holds it by chance (taint-forms.ts
 * matches it only as a whole number).
 */
export function numericMarkerOf(slug: string, testName: string): string {
  let seed = seedOf(slug, testName, 'numeric taint marker') >>> 0;
  let digits = '9';
  for (let i = 0; i < 8; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    digits += String((seed >>> 16) % 10);
  }
  return digits;
}

function readDatabase(file: string, secrets: readonly string[]): { tables: BatteryContext['tables']; texts: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").pluck().all() as string[];
    const tables: BatteryContext['tables'] = [];
    const texts = new Set<string>();
    for (const name of names) {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      const columns = db.prepare(`PRAGMA table_info(${quoted})`).all() as Array<{ name: string; type: string; pk: number }>;
      const textColumns = columns.filter((c) => /CHAR|CLOB|TEXT/i.test(c.type)).map((c) => c.name);
      const perColumn: Record<string, string[]> = {};
      // An INTEGER PRIMARY KEY (the rowid): the rows a whole-number parameter (an id) names.
      const keys = columns.filter((c) => c.pk > 0);
      const integerKey = keys.length === 1 && /^INTEGER$/i.test(keys[0]!.type) ? keys[0]!.name : undefined;
      tables.push({ name, columns: columns.map((c) => c.name), textColumns, texts: perColumn, ...(integerKey !== undefined && { integerKey }) });
      for (const column of textColumns) {
        const values = db.prepare(`SELECT DISTINCT "${column.replace(/"/g, '""')}" FROM ${quoted} LIMIT 50`).pluck().all() as unknown[];
        const own = (perColumn[column] = [] as string[]);
        for (const v of values) {
          if (typeof v !== 'string' || v.length === 0 || v.length > 30 || /[\u0000-\u001f\u007f]/.test(v)) continue;
          if (secrets.some((s) => v.includes(s) || s.includes(v))) continue;
          texts.add(v);
          own.push(v);
        }
      }
    }
    return { tables, texts: [...texts].slice(0, 30) };
  } finally {
    db.close();
  }
}
