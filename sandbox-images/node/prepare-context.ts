/**
 * Writes the complete docker build context of the `node` sandbox image into a directory:
 *
 *   Dockerfile
 *   harness/harness.js          the harness, bundled with @grader/contracts and zod
 *   harness/start.js            the entry point: runs harness.js from its code cache (boot.ts)
 *   runner/*.js                 student-side runners, bundled: each registered kind's
 *                               (Kind.studentRunners: sql-runner.js, pg-runner.js,
 *                               rest-runner.js, injection-runner.js) and the common
 *                               clear-files-runner.js
 *   node_modules/               what student code may require: better-sqlite3 (native, built on
 *                               this host), express and zod, each with its run-time dependencies;
 *                               the TypeScript compiler and the type declarations of Node,
 *                               Express, better-sqlite3 and zod, which the harness loads
 *
 * Same inputs, same bytes and modes: the provisioner hashes the context to decide whether
 * to rebuild. Usage: tsx sandbox-images/node/prepare-context.ts <out-dir>
 */
import { existsSync, realpathSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { STANDARD_KINDS, studentRunnersOf, type AnyKind } from './harness/src/kinds/registry';

const IMAGE_DIR = __dirname;
const REPO_ROOT = path.resolve(IMAGE_DIR, '..', '..');
const HARNESS_DIR = path.join(IMAGE_DIR, 'harness');
const ROOT_MODULES = path.join(REPO_ROOT, 'node_modules');

/** Loaded from node_modules at run time, never bundled: it is a native module. */
const NATIVE_MODULE = 'better-sqlite3';
/**
 * The TypeScript compiler, which the harness loads to type-check and compile TypeScript
 * submissions: its API (lib/typescript.js) and the standard library's declarations; not the
 * language service, tsserver or the translations (some 14 MB).
 */
const TYPESCRIPT = 'typescript';
/** Type declarations a TypeScript submission is checked against, each with its dependencies' declarations. */
const TYPE_PACKAGES = ['@types/node', '@types/express', '@types/better-sqlite3'];
/** A declaration file; zod ships its own (index.d.cts and those it imports). */
const DECLARATION_FILE = /\.d\.(?:c|m)?ts$/;

/**
 * Pure-JavaScript packages offered to student code, each taken from the workspace that
 * depends on it, with its dependency tree as installed in the repository's node_modules.
 */
const STUDENT_PACKAGES: ReadonlyArray<{ name: string; from: string }> = [
  { name: 'express', from: path.join(REPO_ROOT, 'api') },
  { name: 'zod', from: path.join(REPO_ROOT, 'contracts') },
  // For secure-auth apps: JSON Web Tokens and bcrypt in plain JavaScript (the harness checks hashes with bcryptjs too).
  { name: 'jsonwebtoken', from: HARNESS_DIR },
  { name: 'bcryptjs', from: HARNESS_DIR },
  // For redis-cache apps: the Redis client the product itself uses.
  { name: 'ioredis', from: path.join(REPO_ROOT, 'worker') },
  // For graphql-endpoint apps: graphql-js (16: 17 needs Node 22) and DataLoader for batched reads.
  { name: 'graphql', from: HARNESS_DIR },
  { name: 'dataloader', from: HARNESS_DIR },
  // For test-writing exercises: the student's Jest tests run with the Jest the repository tests with (student/jest-runner.ts).
  { name: 'jest', from: REPO_ROOT },
];

/**
 * What of a pure-JavaScript package runs: code, package.json files, licences. Type
 * declarations, TypeScript sources, maps and documentation stay out of the image.
 */
const RUNTIME_FILE = /(?:\.(?:js|cjs|mjs|json|node)|^LICEN[CS]E(?:\.[a-z]+)?|^LICEN[CS]E-[A-Za-z]+)$/i;

/** A fixed time for every entry, for contexts compared by anything that looks at times. */
const FIXED_TIME = new Date('2024-01-01T00:00:00Z');

export default async function prepareContext(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await bundleHarness(outDir, path.join(HARNESS_DIR, 'src', 'main.ts'), STANDARD_KINDS);
  await copyNativeModule(path.join(outDir, 'node_modules'));
  const copied = new Set<string>();
  for (const { name, from } of STUDENT_PACKAGES) await copyPackageTree(name, from, path.join(outDir, 'node_modules'), copied);
  await copyTypeScript(path.join(outDir, 'node_modules'));
  const declared = new Set<string>();
  for (const name of TYPE_PACKAGES) await copyPackageTree(name, HARNESS_DIR, path.join(outDir, 'node_modules'), declared, DECLARATION_FILE);
  await copyPackageTree('zod', path.join(REPO_ROOT, 'contracts'), path.join(outDir, 'node_modules'), new Set(), DECLARATION_FILE, false);
  await copyFile(path.join(IMAGE_DIR, 'Dockerfile'), path.join(outDir, 'Dockerfile'));
  await normalize(outDir);
}

/**
 * The harness from `entry` into <outDir>/harness/harness.js, and the student-side runners of
 * `kinds` (with the common ones) into <outDir>/runner/, under the names the kinds give them.
 * A harness with a kind of its own (tests/e2e/plugin-kind) passes its entry and its kinds.
 */
export async function bundleHarness(outDir: string, entry: string, kinds: readonly AnyKind[]): Promise<void> {
  await bundle(entry, path.join(outDir, 'harness', 'harness.js'));
  await bundle(path.join(HARNESS_DIR, 'src', 'boot.ts'), path.join(outDir, 'harness', 'start.js'));
  for (const runner of studentRunnersOf(kinds)) await bundle(path.join(REPO_ROOT, runner.source), path.join(outDir, 'runner', runner.file));
}

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: [NATIVE_MODULE, TYPESCRIPT, 'jest'],
    // Paths in the bundle's comments are relative to the repository: the same on every checkout.
    absWorkingDir: REPO_ROOT,
    tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
    sourcemap: false,
    legalComments: 'inline',
    logLevel: 'warning',
  });
}

/**
 * better-sqlite3 needs, at run time: its package.json and lib/, the compiled addon, and
 * `bindings` (which finds the addon) with its own dependency `file-uri-to-path`. Sources,
 * the SQLite amalgamation and build intermediates stay out.
 */
async function copyNativeModule(modulesDir: string): Promise<void> {
  const sqliteDir = packageDir(NATIVE_MODULE, HARNESS_DIR);
  await copyFiles(sqliteDir, path.join(modulesDir, NATIVE_MODULE), [
    'package.json',
    'LICENSE',
    ...(await filesUnder(sqliteDir, 'lib')),
    path.join('build', 'Release', 'better_sqlite3.node'),
  ]);
  const bindingsDir = packageDir('bindings', sqliteDir);
  await copyFiles(bindingsDir, path.join(modulesDir, 'bindings'), ['package.json', 'LICENSE.md', await mainFile(bindingsDir)]);
  const fileUriDir = packageDir('file-uri-to-path', bindingsDir);
  await copyFiles(fileUriDir, path.join(modulesDir, 'file-uri-to-path'), ['package.json', 'LICENSE', await mainFile(fileUriDir)]);
}

/**
 * Copies a package and, recursively, its dependencies, each to the same place relative to
 * node_modules as in the repository, so that Node resolves them in the image as it does here.
 */
async function copyPackageTree(name: string, fromDir: string, modulesDir: string, copied: Set<string>, wanted: RegExp = RUNTIME_FILE, dependencies = true): Promise<void> {
  const dir = installedPackageDir(name, fromDir);
  if (copied.has(dir)) return;
  copied.add(dir);
  const rel = path.relative(ROOT_MODULES, dir);
  if (rel.startsWith('..')) throw new Error(`${name} is installed at ${dir}, outside ${ROOT_MODULES}: run npm install at the repository's root`);
  const files = (await filesUnder(dir, '')).filter((file) => wanted.test(path.basename(file)) || file === 'package.json' || /^LICEN[CS]E/i.test(file));
  await copyFiles(dir, path.join(modulesDir, rel), files);
  if (!dependencies) return;
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies ?? {}).sort()) {
    await copyPackageTree(dependency, dir, modulesDir, copied, wanted);
  }
  // An optional dependency npm installed here is this platform's native binding (Jest's
  // resolver's, unrs-resolver's): without it the package would try to download one at run time.
  for (const dependency of Object.keys(manifest.optionalDependencies ?? {}).sort()) {
    if (isInstalled(dependency, dir)) await copyPackageTree(dependency, dir, modulesDir, copied, wanted);
  }
}

function isInstalled(name: string, fromDir: string): boolean {
  try {
    installedPackageDir(name, fromDir);
    return true;
  } catch {
    return false;
  }
}

async function copyTypeScript(modulesDir: string): Promise<void> {
  const dir = installedPackageDir(TYPESCRIPT, HARNESS_DIR);
  const declarations = (await filesUnder(dir, 'lib')).filter((file) => /^lib\/lib\.[^/]*\.d\.ts$/.test(file.split(path.sep).join('/')));
  await copyFiles(dir, path.join(modulesDir, TYPESCRIPT), ['package.json', 'LICENSE.txt', path.join('lib', 'typescript.js'), ...declarations]);
}

/**
 * Where Node finds `name` from `fromDir`: the nearest node_modules/<name> going up. Read from
 * the file system rather than require.resolve, which refuses packages that do not export
 * their package.json.
 */
function installedPackageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    }
    if (dir === path.dirname(dir)) throw new Error(`cannot find the package ${name} from ${fromDir}`);
  }
}

function packageDir(name: string, fromDir: string): string {
  return path.dirname(require.resolve(`${name}/package.json`, { paths: [fromDir] }));
}

async function mainFile(dir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { main?: string };
  const main = path.normalize(manifest.main ?? 'index.js');
  return main.endsWith('.js') ? main : `${main}.js`;
}

/** Files under root/rel, in name order; nested node_modules are packages of their own and stay out. */
async function filesUnder(root: string, rel: string): Promise<string[]> {
  const files: string[] = [];
  const entries = (await readdir(path.join(root, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory() && entry.name === 'node_modules') continue;
    if (entry.isDirectory()) files.push(...(await filesUnder(root, child)));
    else if (entry.isFile()) files.push(child);
  }
  return files;
}

async function copyFiles(fromDir: string, toDir: string, relPaths: string[]): Promise<void> {
  for (const rel of relPaths) {
    const target = path.join(toDir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(fromDir, rel), target);
  }
}

/** Fixed modes (files 0644, directories 0755) and times on every entry, whatever the umask. */
async function normalize(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await normalize(full);
      await chmod(full, 0o755);
    } else {
      await chmod(full, 0o644);
    }
    await utimes(full, FIXED_TIME, FIXED_TIME);
  }
  if ((await stat(dir)).isDirectory()) await utimes(dir, FIXED_TIME, FIXED_TIME);
}

if (require.main === module) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: tsx sandbox-images/node/prepare-context.ts <out-dir>');
    process.exitCode = 2;
  } else {
    prepareContext(path.resolve(outDir)).catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
  }
}
