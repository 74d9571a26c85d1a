import fc from 'fast-check';
import type { ArgValue, BatteryContext } from './battery';

/**
 * The payload grammars of the injection-prevention battery (battery.ts), one per class of
 * attack, as fast-check arbitraries built around what the exercise gives. Each grammar is
 * made from the same building blocks (Blocks): the check's marker, the parameter's ordinary
 * values, the database's texts and tables, white space and comments a filter might not expect.
 */
export interface Grammars {
  plain: fc.Arbitrary<string>;
  tautology: fc.Arbitrary<string>;
  union: fc.Arbitrary<string>;
  stacked: fc.Arbitrary<string>;
  comment: fc.Arbitrary<string>;
  blind: fc.Arbitrary<string>;
  quote: fc.Arbitrary<string>;
  control: fc.Arbitrary<string>;
  like: fc.Arbitrary<string>;
  glob: fc.Arbitrary<string>;
  orderBy: fc.Arbitrary<string>;
}

/** The grammars for a parameter of a function (fn: for the arity of a UNION). */
export function grammar(param: string | undefined, fn: string | undefined, ctx: BatteryContext): Grammars {
  const b = blocks(param, ctx);
  return {
    ...plainAndTautology(b),
    union: unionGrammar(b, fn, ctx),
    ...stackedAndTruncation(b),
    blind: blindGrammar(b),
    quote: quoteGrammar(b),
    control: controlGrammar(b),
    ...wildcardGrammars(b),
    orderBy: orderByGrammar(b),
  };
}

type Blocks = ReturnType<typeof blocks>;

/** What every grammar builds with. */
function blocks(param: string | undefined, ctx: BatteryContext) {
  const mk = ctx.marker;
  const values = (param ? ctx.ordinary[param] ?? [] : []).filter((v): v is ArgValue => v !== undefined && v !== null).map(String);
  const texts = unique([...values.filter((v) => v.length <= 40), ...ctx.texts]).slice(0, 40);
  /** A text to start from: mostly an ordinary value of the parameter (an allowed column, a known name), else one of the database's. */
  const anyText = fc.constantFrom(...(texts.length > 0 ? texts : ['x']));
  const base = values.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 2 }, { arbitrary: anyText, weight: 1 }) : anyText;
  const numbers = unique([...values.filter((v) => /^\d{1,9}$/.test(v)), '1', '2']);
  /** A number to start from, for a parameter pasted without quotes. */
  const num = fc.constantFrom(...numbers);
  const tables = ctx.tables.length > 0 ? ctx.tables : [{ name: 'sqlite_master', columns: ['name', 'sql'], textColumns: ['name', 'sql'] }];
  const table = fc.constantFrom(...tables);
  /** Spacing a filter might not expect; one space when shrunk. */
  const ws = fc.constantFrom(' ', '/**/', '  ', '\t', '\n', ' /* */ ');
  /** A comment that ends the query, carrying the marker. */
  const comment = fc.constantFrom(`--${mk}`, `-- ${mk}`, `/*${mk}*/`, `/*${mk}`, `#${mk}`, `;--${mk}`);
  const OR = keyword('OR');
  const AND = keyword('AND');
  const one = fc.constantFrom('1', '2');

  const UNION = keyword('UNION');
  const SELECT = keyword('SELECT');
  return { mk, values, anyText, base, num, table, ws, comment, OR, AND, one, UNION, SELECT };
}

function plainAndTautology(blk: Blocks): Pick<Grammars, 'plain' | 'tautology'> {
  const { mk, base, num, ws, comment, OR, one } = blk;
  const plain = fc.oneof(fc.constant(mk), base.map((b) => `${b}${mk}`), base.map((b) => `${b} ${mk}`));

  const tautology = fc.oneof(
    // x' OR 'm'='m  (the query's own closing quote ends it)
    fc.tuple(base, ws, OR, ws, ws).map(([b, w1, or, w2, w3]) => `${b}'${w1}${or}${w2}'${mk}'${w3}=${w3}'${mk}`),
    fc.tuple(base, ws, OR, ws, one, ws, comment).map(([b, w1, or, w2, n, w3, c]) => `${b}'${w1}${or}${w2}${n}=${n}${w3}${c}`),
    // 2 OR 1=1: a number pasted without quotes
    fc.tuple(num, ws, OR, ws, one, ws, comment).map(([n0, w1, or, w2, n, w3, c]) => `${n0}${w1}${or}${w2}${n}=${n}${w3}${c}`),
    fc.tuple(num, ws, OR, ws).map(([n0, w1, or, w2]) => `${n0}${w1}${or}${w2}'${mk}'='${mk}'`),
    fc.tuple(base, ws, OR, ws).map(([b, w1, or, w2]) => `${b}"${w1}${or}${w2}"${mk}"="${mk}`),
    fc.tuple(base, ws, OR, ws).map(([b, w1, or, w2]) => `${b}')${w1}${or}${w2}('${mk}'='${mk}`),
  );

  return { plain, tautology };
}

function unionGrammar(blk: Blocks, fn: string | undefined, ctx: BatteryContext): fc.Arbitrary<string> {
  const { mk, base, num, table, ws, comment, UNION, SELECT } = blk;
  const arity = fn !== undefined ? ctx.arity[fn] : undefined;
  const width = arity !== undefined ? fc.oneof({ arbitrary: fc.constant(arity), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 1 }) : fc.integer({ min: 1, max: 6 });
  /** SELECT <n columns> FROM <table>: real columns of the table (secrets included) and literals. */
  const selection = fc.tuple(table, width).chain(([t, n]) =>
    fc
      .array(fc.oneof(fc.constantFrom(...t.columns), fc.constantFrom('NULL', '0', `'${mk}'`)), { minLength: n, maxLength: n })
      .map((cols) => ({ table: t.name, cols: cols.join(', ') })),
  );
  return fc.oneof(
    fc.tuple(base, ws, UNION, SELECT, selection, comment).map(([b, w, u, s, sel, c]) => `${b}'${w}${u}${w}${s}${w}${sel.cols}${w}FROM${w}${sel.table}${w}${c}`),
    fc.tuple(base, ws, UNION, SELECT, selection).map(([b, w, u, s, sel]) => `${b}'${w}${u} ALL${w}${s}${w}${sel.cols}${w}FROM${w}${sel.table}${w}WHERE${w}'${mk}'='${mk}`),
    fc.tuple(num, ws, UNION, SELECT, selection, comment).map(([n, w, u, s, sel, c]) => `${n}${w}${u}${w}${s}${w}${sel.cols}${w}FROM${w}${sel.table}${w}${c}`),
    fc.tuple(base, ws, UNION, SELECT, selection, comment).map(([b, w, u, s, sel, c]) => `${b}%'${w}${u}${w}${s}${w}${sel.cols}${w}FROM${w}${sel.table}${w}${c}`),
  );

}

function stackedAndTruncation(blk: Blocks): Pick<Grammars, 'stacked' | 'comment'> {
  const { mk, base, num, table, ws, comment } = blk;
  const statement = fc.tuple(table, fc.nat()).chain(([t, i]) => {
    const column = t.textColumns[i % Math.max(1, t.textColumns.length)] ?? t.columns[0] ?? 'rowid';
    return fc.constantFrom(`DELETE FROM ${t.name}`, `DROP TABLE ${t.name}`, `UPDATE ${t.name} SET ${column} = '${mk}'`, `INSERT INTO ${t.name} (${column}) VALUES ('${mk}')`);
  });
  const stacked = fc.oneof(
    fc.tuple(base, ws, statement).map(([b, w, s]) => `${b}';${w}${s};${w}--${mk}`),
    fc.tuple(num, ws, statement).map(([n, w, s]) => `${n};${w}${s};${w}--${mk}`),
    fc.tuple(base, ws, statement).map(([b, w, s]) => `${b}');${w}${s};--${mk}`),
    fc.tuple(base, ws, statement).map(([b, w, s]) => `${b}";${w}${s};--${mk}`),
  );

  const truncation = fc.oneof(
    fc.tuple(base, comment).map(([b, c]) => `${b}'${c}`),
    fc.tuple(base, ws, comment).map(([b, w, c]) => `${b}')${w}${c}`),
    fc.tuple(base, comment).map(([b, c]) => `${b}"${c}`),
    fc.tuple(num, ws, comment).map(([n, w, c]) => `${n}${w}${c}`),
  );

  return { stacked, comment: truncation };
}

function blindGrammar(blk: Blocks): fc.Arbitrary<string> {
  const { mk, base, num, table, ws, AND } = blk;
  return fc.oneof(
    fc.tuple(base, ws, AND).map(([b, w, and]) => `${b}'${w}${and}${w}'${mk}'='${mk}`),
    fc.tuple(base, ws, AND, table, fc.constantFrom('a', 's', 't', '1')).map(([b, w, and, t, ch]) => `${b}'${w}${and}${w}substr((SELECT ${t.columns[0] ?? 'rowid'} FROM ${t.name} LIMIT 1),1,1)='${ch}'${w}--${mk}`),
    fc.tuple(num, ws, AND, table).map(([n, w, and, t]) => `${n}${w}${and}${w}(SELECT count(*) FROM ${t.name})>0${w}--${mk}`),
    fc.tuple(base, base, table).map(([b1, b2, t]) => `(CASE WHEN (SELECT count(*) FROM ${t.name})>0 THEN ${b1} ELSE ${b2} END)/*${mk}*/`),
  );

}

function quoteGrammar(blk: Blocks): fc.Arbitrary<string> {
  const { mk, base } = blk;
  const quoteMark = fc.constantFrom("'", "''", "\\'", '\\', '"', '`', '\\\\', "'''");
  return fc.oneof(
    fc.tuple(base, fc.array(quoteMark, { minLength: 1, maxLength: 3 })).map(([b, q]) => `${b}${q.join('')}${mk}`),
    fc.tuple(base, quoteMark, quoteMark).map(([b, q1, q2]) => `${q1}${b}${q2}${mk}`),
    // A text with its quotes doubled or backslashed (one added when it has none): O''Brien must be matched as written.
    base.map((b) => (b.includes("'") ? b.replace(/'/g, "''") : `${b}''`)),
    base.map((b) => (b.includes("'") ? b.replace(/'/g, "\\'") : `${b}\\'`)),
    quoteMark,
  );

}

function controlGrammar(blk: Blocks): fc.Arbitrary<string> {
  const { mk, base, OR } = blk;
  // ASCII only: every correct solution treats these alike (no Unicode spaces, no NUL). A number
  // with white space around it is left out: SQLite reads " 3\n" as 3 where an id compares with
  // a number, and code that insists on digits alone is as right.
  const controlCharacter = fc.constantFrom('\n', '\r\n', '\t', '\r', '\u000b', '\u000c', '\u001b', '\u007f', '\u0001', '\u0008');
  const unlessNumber = (b: string, text: string): string => (numeric(b) ? `${text}${mk}` : text);
  return fc.oneof(
    fc.tuple(base, controlCharacter).map(([b, c]) => unlessNumber(b, `${b}${c}`)),
    fc.tuple(base, controlCharacter).map(([b, c]) => unlessNumber(b, `${c}${b}`)),
    fc.tuple(base, controlCharacter).map(([b, c]) => `${b}${c}${mk}`),
    fc.tuple(base, controlCharacter, OR).map(([b, c, or]) => `${b}'${c}${or}${c}'${mk}'='${mk}`),
    fc.tuple(base, controlCharacter).map(([b, c]) => `${b}${c}--${mk}`),
  );

}

function wildcardGrammars(blk: Blocks): Pick<Grammars, 'like' | 'glob'> {
  const { values, anyText, base } = blk;
  /**
   * Wildcard patterns: wildcards alone and repeated (`%%`, `__`: an escape that handles only the
   * first still lets the second match); an ordinary value with some of its characters turned
   * into wildcards (`cust_mer`, `cus%`: it matches that value if the wildcards act); pieces of
   * real texts between runs of wildcards. No marker: the pattern must be able to match real data.
   */
  const ordinaryBase = values.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 3 }, { arbitrary: anyText, weight: 1 }) : base;
  const fragment = fc.tuple(anyText, fc.nat(), fc.nat()).map(([t, i, j]) => {
    const a = i % (t.length + 1);
    const b = j % (t.length + 1);
    return t.slice(Math.min(a, b), Math.max(a, b));
  });
  const wildcards = (marks: string[], escape: string) => {
    const run = fc.tuple(fc.constantFrom(...marks), fc.integer({ min: 1, max: 3 })).map(([m, n]) => m.repeat(n));
    const alone = fc.constantFrom(marks[0]!, `${marks[0]}${marks[0]}`, `${marks[1]}${marks[1]}`, `${marks[0]}${marks[1]}${marks[0]}`, escape, `${escape}${marks[0]}`, ...marks.slice(1));
    // Each edit puts a wildcard in place of a character (or, for the first mark, which matches any text, in place of a piece).
    const mutated = fc.tuple(ordinaryBase, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...marks), fc.nat(3)), { minLength: 1, maxLength: 3 })).map(([text, edits]) => {
      let out = text;
      for (const [at, mark, span] of edits) {
        const i = out.length === 0 ? 0 : at % out.length;
        out = `${out.slice(0, i)}${mark}${out.slice(i + (mark === marks[0] ? span : 1))}`;
      }
      return out;
    });
    const mixed = fc.tuple(run, fc.array(fc.oneof({ arbitrary: run, weight: 3 }, { arbitrary: fragment, weight: 2 }), { maxLength: 4 }), fc.nat()).map(([first, rest, at]) => {
      const parts = [...rest];
      parts.splice(at % (parts.length + 1), 0, first);
      return parts.join('');
    });
    return fc.oneof({ arbitrary: alone, weight: 3 }, { arbitrary: mutated, weight: 3 }, { arbitrary: mixed, weight: 2 });
  };
  const like = wildcards(['%', '_'], '\\');
  const glob = wildcards(['*', '?', '[a-z]', '[^a]'], '[');

  return { like, glob };
}

function orderByGrammar(blk: Blocks): fc.Arbitrary<string> {
  const { mk, base, table, ws, one, SELECT } = blk;
  const DESC = keyword('DESC');
  return fc.oneof(
    fc.tuple(base, ws, DESC).map(([b, w, d]) => `${b}${w}${d}${w}--${mk}`),
    fc.tuple(base, ws, SELECT, table).map(([b, w, s, t]) => `${b},${w}(${s}${w}${t.columns[t.columns.length - 1] ?? 'rowid'}${w}FROM${w}${t.name})/*${mk}*/`),
    fc.tuple(base, ws, table).map(([b, w, t]) => `${b};${w}DROP TABLE ${t.name}--${mk}`),
    fc.tuple(one).map(([n]) => `${n}/*${mk}*/`),
    fc.tuple(base, fc.constantFrom('"', '[', '`')).map(([b, q]) => `${q}${b}${q === '[' ? ']' : q}/*${mk}*/`),
    fc.tuple(base, ws, fc.constantFrom('COLLATE NOCASE', 'LIMIT 1', 'NULLS FIRST', 'ASC, 1')).map(([b, w, tail]) => `${b}${w}${tail}/*${mk}*/`),
    base.map((b) => `${b}${mk}`),
  );

}

/** A keyword in any letter case: upper case when shrunk. */
export function keyword(word: string): fc.Arbitrary<string> {
  return fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((lower) => [...word].map((ch, i) => (lower[i] ? ch.toLowerCase() : ch.toUpperCase())).join(''));
}

/** A text SQLite would read as a number where a column holds numbers. */
export function numeric(text: string): boolean {
  return /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(text);
}

function unique(texts: string[]): string[] {
  return [...new Set(texts)];
}
