import { z } from 'zod';
import { LIMITS } from '../limits';
import { SubmittedPath } from '../submitted-files';
import { ManifestCommon, PackagePath, TestBase, type ManifestKind, STACK } from './common';

/**
 * The classes of SQL injection an injection-prevention test can attack with, each with the
 * phrase feedback uses: "<phrase> in <parameter> returned 3 rows it should not".
 */
export const INJECTION_PAYLOAD_CLASSES = {
  tautology: "a tautology (' OR '1'='1)",
  'union-select': "a UNION SELECT of another table's rows",
  'stacked-query': "a stacked query ('; DROP TABLE …)",
  'comment-truncation': "a comment that cuts the query short (admin'--)",
  'like-wildcard': 'a LIKE wildcard (% or _)',
  'glob-wildcard': 'a GLOB wildcard (*, ? or [...])',
  quote: "a quote or a backslash, doubled or alone (O''Brien, \\', \\)",
  'control-character': 'a newline or another control character',
  'order-by': 'an ORDER BY injection',
  'second-order': 'a stored value (second-order injection)',
  'blind-boolean': 'a boolean condition (blind injection)',
  'plain-text': 'a plain word',
  'inherited-name': 'a name every JavaScript object inherits (constructor, toString, __proto__)',
  'ordinary-variant': "an ordinary value in another letter case, cut short, empty or joined with another (ADA for Ada, é for É, a prefix, '', name,price)",
} as const;
export const InjectionPayloadClass = z.enum(Object.keys(INJECTION_PAYLOAD_CLASSES) as [keyof typeof INJECTION_PAYLOAD_CLASSES, ...(keyof typeof INJECTION_PAYLOAD_CLASSES)[]]);
export type InjectionPayloadClass = z.infer<typeof InjectionPayloadClass>;

const Identifier = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/, 'a JavaScript identifier');
/** Where a test's setup stored a payload (second-order): `customers.name`, named in its feedback. */
const StoredField = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}\.[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'a stored field, table.column');

/** A JSON value an argument may take: what a web request could hand the function. */
const ArgumentValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const InjectionCall = z.object({
  /** A function the student's module exports, declared in `injection.functions`. */
  fn: Identifier,
  /** Its arguments by parameter name (the names in `injection.functions`); a missing one is passed as undefined. */
  args: z.record(Identifier, ArgumentValue).default({}),
});

/**
 * A generated check: instead of calls written out, the harness attacks parameters with a battery
 * drawn from payload grammars (one per class), each input on a fresh database for the student's
 * module and the reference alike, and shrinks the first difference to a minimal counterexample.
 * Every generated text carries a taint marker, which must never appear in the SQL text of a
 * statement the student's code prepares.
 */
export const InjectionGenerated = z.object({
  /** Function → the parameters to attack. Default: every parameter of every declared function. */
  attack: z.record(Identifier, z.array(Identifier).min(1).max(10)).optional(),
  /** The payload classes to draw from. Default: every class. */
  classes: z.array(InjectionPayloadClass).min(1).optional(),
  /**
   * Ordinary values by parameter name: what a parameter not under attack is given, and what
   * payloads are built around (`admin'--`). Default: the values the tests without a payload pass.
   */
  values: z.record(Identifier, z.array(ArgumentValue).min(1).max(20)).optional(),
  /** Inputs to try, spread over every (function, parameter, class) attacked, at least one each (LIMITS.generated). */
  runs: z.number().int().min(1).max(LIMITS.generated.runsMax).optional(),
  /** Time the search may take, milliseconds, shrinking included (LIMITS.generated). */
  timeMs: z.number().int().min(100).max(LIMITS.generated.timeMsMax).optional(),
});

/** A test: either `calls` written out (with an optional `setup` and `payload`), or `generated`. */
export const InjectionTest = TestBase.extend({
  /** SQL run on this test's fresh database before the calls (trusted), e.g. a value an attacker stored earlier. */
  setup: z.string().max(20_000).optional(),
  /**
   * The calls, in order, each on the same database. Each result (or thrown error) and the
   * database afterwards are compared with what the reference solution gives.
   */
  calls: z.array(InjectionCall).min(1).max(10).optional(),
  /** What the test attacks with, for feedback: the payload's class and the parameter it goes in (or the field, table.column, its setup stored it in). Absent: an ordinary input. */
  payload: z.object({ class: InjectionPayloadClass, in: z.union([Identifier, StoredField]) }).optional(),
  /** A generated check instead of calls. */
  generated: InjectionGenerated.optional(),
});

export const InjectionPreventionManifest = z.object({
  ...ManifestCommon,
  kind: z.literal('injection-prevention'),
  injection: z.object({
    /**
     * The submitted module that exports the data-access functions: CommonJS (.js, .cjs) whose
     * functions take a better-sqlite3 Database first, or Python (.py, runtime `python`) whose
     * functions take a sqlite3 Connection first (sandbox-images/python/runner/injection_runner.py).
     */
    module: SubmittedPath.default('repository.js'),
    /** Package path of an SQLite script that creates and fills the database; each test gets a fresh copy. */
    database: PackagePath,
    /** Function name → its parameters after `db` (the better-sqlite3 Database every function gets first). */
    functions: z.record(Identifier, z.array(Identifier).max(10)).refine((f) => Object.keys(f).length > 0, 'declare at least one function'),
    /**
     * Values of the database that must never reach a caller who should not see them (password
     * hashes, tokens): a result holding one that the reference's result does not hold has leaked it.
     */
    secrets: z.array(z.string().min(4).max(200)).max(100).default([]),
  }),
  tests: z.array(InjectionTest).min(1).max(50),
});

/** The checks of an injection-prevention manifest that one field alone cannot make. */
export function checkInjection(m: z.infer<typeof InjectionPreventionManifest>, submitted: Set<string>, ctx: z.RefinementCtx): void {
  const { module, functions } = m.injection;
  if (!submitted.has(module)) ctx.addIssue({ code: 'custom', path: ['injection', 'module'], message: `${module} is not one of the student's files` });
  if (/\.py$/.test(module)) {
    if (m.runtime !== 'python') ctx.addIssue({ code: 'custom', path: ['runtime'], message: 'a Python module runs in the python runtime: set runtime: python' });
  } else if (!/\.c?js$/.test(module)) {
    ctx.addIssue({ code: 'custom', path: ['injection', 'module'], message: `${module} is not a JavaScript file (.js or .cjs) or a Python one (.py)` });
  }
  m.tests.forEach((t, i) => {
    if (t.generated) {
      if (t.calls || t.setup !== undefined || t.payload) ctx.addIssue({ code: 'custom', path: ['tests', i, 'generated'], message: 'a generated check has no calls, setup or payload of its own' });
      checkGenerated(t.generated, functions, ['tests', i, 'generated'], ctx);
      return;
    }
    if (!t.calls) {
      ctx.addIssue({ code: 'custom', path: ['tests', i, 'calls'], message: 'a test needs calls, or generated for a generated check' });
      return;
    }
    const parameters = new Set<string>();
    t.calls.forEach((call, j) => {
      const declared = Object.prototype.hasOwnProperty.call(functions, call.fn) ? functions[call.fn] : undefined;
      if (!declared) {
        ctx.addIssue({ code: 'custom', path: ['tests', i, 'calls', j, 'fn'], message: `${call.fn} is not declared in injection.functions` });
        return;
      }
      declared.forEach((p) => parameters.add(p));
      for (const name of Object.keys(call.args)) {
        if (!declared.includes(name)) ctx.addIssue({ code: 'custom', path: ['tests', i, 'calls', j, 'args', name], message: `${call.fn} has no parameter ${name} (it has ${declared.join(', ') || 'none'})` });
      }
    });
    if (t.payload?.in.includes('.')) {
      if (t.setup === undefined) ctx.addIssue({ code: 'custom', path: ['tests', i, 'payload', 'in'], message: `the payload is stored in ${t.payload.in}, but the test has no setup to store it` });
    } else if (t.payload && !parameters.has(t.payload.in)) {
      ctx.addIssue({ code: 'custom', path: ['tests', i, 'payload', 'in'], message: `the payload goes in ${t.payload.in}, which no call of this test has as a parameter (or a stored field, table.column, that its setup writes)` });
    }
  });
}

function checkGenerated(g: z.infer<typeof InjectionGenerated>, functions: Record<string, string[]>, at: Array<string | number>, ctx: z.RefinementCtx): void {
  const declared = (fn: string): string[] | undefined => (Object.prototype.hasOwnProperty.call(functions, fn) ? functions[fn] : undefined);
  for (const [fn, parameters] of Object.entries(g.attack ?? {})) {
    const has = declared(fn);
    if (!has) ctx.addIssue({ code: 'custom', path: [...at, 'attack', fn], message: `${fn} is not declared in injection.functions` });
    else for (const p of parameters) if (!has.includes(p)) ctx.addIssue({ code: 'custom', path: [...at, 'attack', fn], message: `${fn} has no parameter ${p} (it has ${has.join(', ') || 'none'})` });
  }
  const every = new Set(Object.values(functions).flat());
  for (const p of Object.keys(g.values ?? {})) {
    if (!every.has(p)) ctx.addIssue({ code: 'custom', path: [...at, 'values', p], message: `no declared function has a parameter ${p}` });
  }
}


export const INJECTION_PREVENTION_KIND: ManifestKind<typeof InjectionPreventionManifest> = {
  schema: InjectionPreventionManifest,
  check: checkInjection,
  packageFiles: (m) => [m.injection.database],
  environment: (m) => [/\.py$/.test(m.injection.module) ? STACK.python : STACK.node, STACK.sqlite],
  // A Python module's runner starts per test, and both solutions run in Python for every generated input.
  extraTestMs: (m) => (/\.py$/.test(m.injection.module) ? LIMITS.exercise.pythonInjectionTestMs : 0),
};
