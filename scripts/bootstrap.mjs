#!/usr/bin/env node
// Installs the npm dependencies when they are missing or stale, before anything else runs.
// Plain Node with no dependencies: it runs before node_modules exists.
//
// "Stale" means: package-lock.json, a package.json of the root or of a workspace, or the
// Node ABI changed since the last successful install, whose hash is kept in
// node_modules/.grader-install-hash. Then `npm ci` (`npm install` without a lockfile) runs,
// its output shown only if it fails. One line of progress otherwise.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'node_modules', '.grader-install-hash');
const lockFile = path.join(root, 'package-lock.json');

/** Workspace folders of the root package.json; a trailing `/*` pattern is expanded. */
function workspaceDirs(rootManifest) {
  const patterns = Array.isArray(rootManifest.workspaces) ? rootManifest.workspaces : (rootManifest.workspaces?.packages ?? []);
  const dirs = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = path.join(root, pattern.slice(0, -2));
      if (!fs.existsSync(parent)) continue;
      for (const e of fs.readdirSync(parent, { withFileTypes: true })) if (e.isDirectory()) dirs.push(path.join(parent, e.name));
    } else {
      dirs.push(path.join(root, pattern));
    }
  }
  return dirs;
}

/** The files an install depends on, relative to the root, sorted. */
function manifestFiles() {
  const rootManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const files = ['package.json'];
  if (fs.existsSync(lockFile)) files.push('package-lock.json');
  for (const dir of workspaceDirs(rootManifest)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) files.push(path.relative(root, manifest).split(path.sep).join('/'));
  }
  return [...new Set(files)].sort();
}

function installHash() {
  const hash = createHash('sha256');
  // Native modules (better-sqlite3) are built for one Node ABI, platform and architecture.
  hash.update(`node-abi ${process.versions.modules} ${process.platform} ${process.arch}\n`);
  for (const rel of manifestFiles()) {
    hash.update(`${rel}\0`);
    hash.update(fs.readFileSync(path.join(root, rel)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamp() {
  try {
    return fs.readFileSync(stampFile, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** npm as run by `npm test` (npm_execpath), else the one on PATH. */
function npmCommand(args) {
  const cli = process.env.npm_execpath;
  if (cli && /npm-cli\.[cm]?js$/.test(cli)) return [process.execPath, [cli, ...args]];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', args];
}

/** Runs npm with no stdin, its output captured. Resolves with the exit code and the output. */
function runNpm(args) {
  const [cmd, argv] = npmCommand(args);
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (err) => resolve({ code: -1, output: `cannot run ${cmd}: ${err.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString('utf8') }));
  });
}

const LOCK_OUT_OF_SYNC = /can only install packages when your package\.json and package-lock\.json/;

function seconds(ms) {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

async function main() {
  const hasModules = fs.existsSync(path.join(root, 'node_modules'));
  const wanted = installHash();
  if (hasModules && readStamp() === wanted) {
    console.log('✓ npm dependencies up to date');
    return;
  }
  const args = fs.existsSync(lockFile) ? ['ci'] : ['install'];
  args.push('--no-audit', '--no-fund');
  const why = !hasModules ? 'no node_modules' : readStamp() === undefined ? 'no record of an install' : 'package files changed';
  console.log(`… installing npm dependencies: npm ${args[0]} (${why}; native modules compile, about 1-2 min)`);
  const started = Date.now();
  const { code, output } = await runNpm(args);
  if (code !== 0) {
    process.stderr.write(output.endsWith('\n') ? output : `${output}\n`);
    console.error(`✗ npm ${args[0]} failed with exit code ${code} (its output is above)`);
    // Never falls back to `npm install`: that would rewrite the lockfile in the user's checkout
    // and install versions nobody tested. A lockfile out of step is fixed once, and committed.
    if (LOCK_OUT_OF_SYNC.test(output)) console.error('  package-lock.json is out of step with package.json: run `npm install` once and commit package-lock.json');
    process.exit(1);
  }
  // The hash of what was installed from (npm install without a lockfile writes one).
  fs.writeFileSync(stampFile, `${installHash()}\n`);
  console.log(`✓ npm dependencies installed with npm ${args[0]} in ${seconds(Date.now() - started)}`);
}

main().catch((err) => {
  console.error(`✗ installing npm dependencies failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
