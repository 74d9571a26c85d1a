/**
 * What the student's module exports, turned into the request handler to serve. Runs in the
 * student's process (the student-side runner), so calling the student's functions is fine
 * here. Accepted, in this order:
 *   module.exports = { createApp }        createApp() returns the app (or a promise of it)
 *   module.exports = app                  an Express app (a function with listen)
 *   module.exports.default / .app         either of the above
 *   module.exports = createApp            a function of no parameters returning the app
 */
export type RequestHandler = (req: unknown, res: unknown) => void;

/** The student's export does not give an app: the message says what to change. */
export class AppExportProblem extends Error {
  override readonly name = 'AppExportProblem';
}

export async function appFromExports(exported: unknown, entry: string): Promise<RequestHandler> {
  const found = findApp(exported, entry);
  if (found.kind === 'app') return found.app;
  const made = (await found.createApp()) as unknown;
  if (isHandler(made)) return made;
  throw new AppExportProblem(`createApp() in ${entry} returned ${describe(made)}; it must return the Express app: const app = express(); ...; return app;`);
}

/** Whether the module exports a factory, so that calling it again gives an app with nothing of the last one's state; throws AppExportProblem as appFromExports does. */
export function buildsFreshApps(exported: unknown): boolean {
  return findApp(exported, '').kind === 'factory';
}

type Found = { kind: 'app'; app: RequestHandler } | { kind: 'factory'; createApp: () => unknown };

function findApp(exported: unknown, entry: string): Found {
  const candidates = [exported, property(exported, 'default')];
  for (const candidate of candidates) {
    const createApp = property(candidate, 'createApp');
    if (typeof createApp === 'function') return { kind: 'factory', createApp: () => (createApp as () => unknown).call(candidate) };
  }
  for (const candidate of [...candidates, property(exported, 'app')]) {
    if (isExpressApp(candidate)) return { kind: 'app', app: candidate };
    if (typeof candidate === 'function' && candidate.length === 0) return { kind: 'factory', createApp: candidate as () => unknown };
    if (isHandler(candidate)) return { kind: 'app', app: candidate };
  }
  throw new AppExportProblem(`${entry} exports ${describe(exported)}; it must export a function that builds the app: ${exportHint(entry)}`);
}

/** How a module of the entry's language exports createApp. */
function exportHint(entry: string): string {
  return /\.[cm]?ts$/.test(entry) ? 'export function createApp() { ... }' : 'module.exports = { createApp }';
}

function property(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return (value as Record<string, unknown>)[key];
}

function isExpressApp(value: unknown): value is RequestHandler {
  return typeof value === 'function' && typeof property(value, 'listen') === 'function';
}

/** A request handler takes (req, res) or (req, res, next). */
function isHandler(value: unknown): value is RequestHandler {
  return typeof value === 'function' && (isExpressApp(value) || value.length >= 2);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)';
  if (value === null) return 'null';
  if (typeof value === 'function') return `a function of ${value.length} parameter${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    if (typeof property(value, 'listen') === 'function' && typeof property(value, 'address') === 'function') {
      return 'a running server (do not call app.listen yourself)';
    }
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty object' : `an object with ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`;
  }
  return `a ${typeof value}`;
}
