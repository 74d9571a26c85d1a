/**
 * The image's entry point (bundled as /opt/harness/start.js), in two roles.
 *
 * 1. Building the harness's V8 startup snapshot (the Dockerfile, once:
 *    `node --snapshot-blob harness.blob --build-snapshot start.js`): the bundled harness beside it
 *    (harness.js) is loaded, its ~38,000 lines evaluated (the contracts' zod schemas built, the
 *    kinds registered), and the heap saved. A container then starts with
 *    `node --snapshot-blob harness.blob` and finds all of that done: measured in the image, some
 *    30 ms less CPU per container than the code cache this replaced (harness.js compiled from
 *    V8's cached data at every start), which a class's burst pays once per submission.
 *    Node's snapshot builder loads only some built-in modules (node:http is one it cannot,
 *    Node 20); every other module the harness imports (better-sqlite3 among them) is given to it
 *    as a stand-in that loads the real one at its first use, after the snapshot is restored.
 *    See https://nodejs.org/docs/latest-v20.x/api/cli.html#--build-snapshot-entry.
 * 2. Run without a snapshot (`node /opt/harness/start.js`): loads harness.js as Node would.
 *
 * The restored harness runs only if harness.js is still, byte for byte, the file it was built
 * from (kept in the snapshot; comparing costs a read and a memcmp): a derived image that replaced
 * harness.js (tests/e2e/plugin-kind) but kept the blob runs its own harness, loaded as in 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';

const HARNESS = path.join(__dirname, 'harness.js');

/** Node's loader for harness.js's dependencies. Required when first needed: node:module is not one the snapshot builder loads without warning. */
function loaderOf(file: string): NodeJS.Require {
  return (require('node:module') as typeof import('node:module')).createRequire(file);
}

/** Built-in modules that Node 20's snapshot builder loads without warning and that the harness uses at its load. */
const SNAPSHOT_SAFE = new Set(['fs', 'path', 'crypto', 'v8', 'os', 'util', 'events', 'buffer', 'stream', 'assert', 'url', 'string_decoder', 'timers', 'zlib']);

let load: NodeJS.Require | undefined;

/**
 * A module that is loaded at its first use, after the snapshot is restored: property reads,
 * calls and `new` go to the real module. `__esModule` is answered without loading (esbuild's
 * interop asks it at the harness's load; none of the deferred modules is an ES module).
 * The stand-in stays what the harness's module-level bindings hold after the restore, so
 * `x instanceof DeferredClass` is false for a real instance: the harness does no such test
 * (a new one must import that module inside a function, or add it to SNAPSHOT_SAFE if it can).
 */
function deferred(id: string): unknown {
  const real = (): Record<PropertyKey, unknown> & ((...args: unknown[]) => unknown) => {
    if (!load) throw new Error(`${id} was used while the harness's snapshot was being built`);
    return load(id);
  };
  // A function as target, so that the stand-in can be called and constructed (better-sqlite3's Database).
  return new Proxy(function deferredModule() {}, {
    get: (_target, key) => (key === '__esModule' ? undefined : real()[key]),
    apply: (_target, self, args) => Reflect.apply(real(), self, args),
    construct: (_target, args) => Reflect.construct(real(), args) as object,
  });
}

/**
 * The `require` the snapshot's harness has: in the builder, safe built-ins as they are and the
 * rest deferred; once restored, Node's loader (the harness requires an exercise's test module at
 * grading time, which must come back as itself).
 */
function snapshotRequire(id: string): unknown {
  if (load) return load(id);
  const bare = id.startsWith('node:') ? id.slice('node:'.length) : id;
  return SNAPSHOT_SAFE.has(bare) ? require(`node:${bare}`) : deferred(id);
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  const source = fs.readFileSync(HARNESS);
  const module = { exports: {} as { start?: () => void } };
  // The CommonJS wrapper, as Node's loader gives every module; sourceURL names harness.js in stack traces.
  const evaluate = new Function('exports', 'require', 'module', '__filename', '__dirname', `${source.toString('utf8')}\n//# sourceURL=${HARNESS}`);
  evaluate(module.exports, snapshotRequire, module, HARNESS, path.dirname(HARNESS));
  const { start } = module.exports;
  if (typeof start !== 'function') throw new Error(`${HARNESS} exports no start(): it cannot be started from a snapshot`);
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    load = loaderOf(HARNESS);
    if (sameFile(HARNESS, source)) start();
    else {
      // Another harness than the snapshot's: its own, as Node loads it (the image's self-test checks that its own is not).
      process.stderr.write(`[harness] ${HARNESS} is not the snapshot's: loading it\n`);
      load(HARNESS);
    }
  });
} else {
  loaderOf(HARNESS)(HARNESS);
}

function sameFile(file: string, expected: Buffer): boolean {
  try {
    return fs.readFileSync(file).equals(expected);
  } catch {
    return false;
  }
}
