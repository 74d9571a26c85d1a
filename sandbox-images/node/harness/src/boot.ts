/**
 * The image's entry point (bundled as /opt/harness/start.js): runs the bundled harness beside it
 * (harness.js) from the V8 code cache made when the image was built, so that a sandbox does not
 * parse the 1.5 MB bundle at every start. Measured in the image: about a fifth of the harness's
 * load, 17 ms of CPU per container (the load is 85 ms beyond `node -e 0`).
 *
 * `start.js --make-code-cache` (the Dockerfile, once) runs the harness on an empty input, which
 * it refuses, and writes the cache on exit, with the functions its load compiled;
 * `start.js --check-code-cache` exits 1 unless V8 accepts the cache (the Dockerfile's self-test). The cache is
 * used only for the exact source it was made from, whose SHA-256 leads the file (V8 itself checks
 * little more than the source's length): any other harness (a derived image's) is compiled as
 * Node would compile it, as is the harness when the cache is missing or V8 rejects it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const HARNESS = path.join(__dirname, 'harness.js');
const CACHE = `${HARNESS}.code-cache`;
const HASH_BYTES = 32;

const making = process.argv[2] === '--make-code-cache';
const checking = process.argv[2] === '--check-code-cache';
const source = fs.readFileSync(HARNESS, 'utf8');
const hash = createHash('sha256').update(source).digest();
const cached = making ? undefined : cacheFor(hash);
// The CommonJS wrapper, as Node's loader gives every module.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: HARNESS,
  ...(cached && { cachedData: cached }),
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
if (making) process.once('exit', () => fs.writeFileSync(CACHE, Buffer.concat([hash, script.createCachedData()])));
if (checking) {
  // The image's build checks that its harness starts from the cache: a cache V8 rejects costs nothing but its purpose.
  const state = !cached ? 'missing or made from another source' : script.cachedDataRejected ? 'rejected by V8' : 'used';
  process.stdout.write(`code cache ${state}\n`);
  process.exit(state === 'used' ? 0 : 1);
}

const module = { exports: {}, id: HARNESS, filename: HARNESS, loaded: false };
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(HARNESS), module, HARNESS, path.dirname(HARNESS));

function cacheFor(sourceHash: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = fs.readFileSync(CACHE);
  } catch {
    return undefined;
  }
  return file.length > HASH_BYTES && file.subarray(0, HASH_BYTES).equals(sourceHash) ? file.subarray(HASH_BYTES) : undefined;
}
