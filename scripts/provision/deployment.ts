import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BaseImage } from './base-image';
import type { ProvisionContext } from './context';
import { hashContext, imageHash } from './context-hash';
import { dockerClient } from './docker-engine';
import { buildImage, imageLabel, inspectImage, removeReplacedImage, runInImage } from './docker-images';
import { CONTEXT_LABEL, formatBytes } from './sandbox-images';
import { done, type Progress, type StepOutcome } from './progress';

/**
 * What docker-compose.yml runs, for a host whose engine reaches no registry: the app image (API
 * and worker, from the repository's Dockerfile) and a Redis image (deploy/redis/Dockerfile), both
 * built on the local Debian base; and Debian's docker-compose. npm cannot install inside a build
 * here (ENVIRONMENT: the registry's proxy certificate), so the app image's context carries the
 * host's node_modules, whose native modules match: the base's Node is the host's, on the same
 * Debian. Each image is rebuilt only when what it is made of changes.
 */
export const DEPLOYMENT_IMAGES = { app: 'grader-app:latest', redis: 'grader-redis:latest' } as const;

/** What the app image's context holds besides node_modules (the Dockerfile copies these). */
const APP_SOURCES = [
  'Dockerfile',
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'tsconfig.json',
  'contracts',
  'runtime',
  'api',
  'worker',
  'exercises',
  'sandbox-images/node/harness/package.json',
  'sandbox-images/node/harness/src',
  'web/dist',
];

/** The workspaces the image runs (their folders are copied whole, node_modules included). */
const WORKSPACES = ['contracts', 'runtime', 'api', 'worker'];

/** Files and symbolic links under `rel` (a file or folder of `root`), relative, sorted; `keep` filters each path. */
function filesUnder(root: string, rel: string, keep: (rel: string) => boolean): string[] {
  const full = path.join(root, rel);
  if (!fs.existsSync(full) || !keep(rel)) return [];
  const st = fs.lstatSync(full);
  if (!st.isDirectory()) return st.isFile() || st.isSymbolicLink() ? [rel] : [];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(root, `${rel}/${name}`, keep));
}

/** As the repository's .dockerignore: no nested node_modules, no tests. */
const isSource = (rel: string) => !/(^|\/)node_modules(\/|$)/.test(rel) && !rel.endsWith('.test.ts');

/**
 * The app image's build context: its sources and the host's node_modules (relative paths), and
 * their fingerprint: the sources' content, npm's record of what is installed, the installed files'
 * names and Node's version (node_modules is not read whole: 250 MB on every run).
 */
export function appContext(repoRoot: string): { files: string[]; hash: string; bytes: number } {
  const sources = APP_SOURCES.flatMap((rel) => filesUnder(repoRoot, rel, isSource));
  const hash = createHash('sha256').update(`grader-app-v3\0${process.version}\0`);
  let bytes = 0;
  for (const rel of sources) {
    const full = path.join(repoRoot, rel);
    const st = fs.lstatSync(full);
    const content = st.isSymbolicLink() ? fs.readlinkSync(full) : fs.readFileSync(full);
    bytes += st.size;
    hash.update(`${rel}\0${(st.mode & 0o7777).toString(8)}\0`).update(content).update('\0');
  }
  const installed = path.join(repoRoot, 'node_modules', '.package-lock.json');
  hash.update(fs.existsSync(installed) ? fs.readFileSync(installed) : 'none');
  // The root's and each workspace's own (npm nests a version there that differs from the root's).
  const modules = ['node_modules', ...WORKSPACES.map((dir) => `${dir}/node_modules`)].flatMap((rel) => filesUnder(repoRoot, rel, () => true));
  hash.update(modules.join('\0'));
  return { files: [...sources, ...modules], hash: hash.digest('hex'), bytes };
}

/**
 * A copy of `files` of `root` in `dir` made of hard links (and the same symbolic links): a context
 * without the repository's .dockerignore, which dockerode applies and which leaves node_modules
 * out (as it must for a build that installs them).
 */
function stageContext(root: string, files: readonly string[], dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const rel of files) {
    const from = path.join(root, rel);
    const to = path.join(dir, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (fs.lstatSync(from).isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else fs.linkSync(from, to);
  }
  return dir;
}

/** Step: grader-app:latest is built from the current sources on `base`. */
export async function ensureAppImage(ctx: ProvisionContext, base: BaseImage, progress: Progress): Promise<StepOutcome<void>> {
  const docker = dockerClient(ctx.config.dockerSocket);
  if (!fs.existsSync(path.join(ctx.repoRoot, 'node_modules', 'express'))) {
    return done(`image ${DEPLOYMENT_IMAGES.app} not built: no node_modules here (npm ci first)`);
  }
  const context = appContext(ctx.repoRoot);
  const hash = imageHash(context.hash, base.id);
  const existing = await inspectImage(docker, DEPLOYMENT_IMAGES.app);
  if (imageLabel(existing, CONTEXT_LABEL) === hash) return done(`image ${DEPLOYMENT_IMAGES.app} up to date`);
  progress(`building image ${DEPLOYMENT_IMAGES.app} on ${base.name} (${context.files.length} files, sources ${formatBytes(context.bytes)}, with the host's node_modules)`);
  const staged = stageContext(ctx.repoRoot, context.files, path.join(ctx.repoRoot, '.build', 'app-image'));
  await buildImage(docker, { context: staged, files: context.files, name: DEPLOYMENT_IMAGES.app, buildArgs: { BASE_IMAGE: base.name }, labels: { [CONTEXT_LABEL]: hash } });
  // The API's and the worker's modules load, with every dependency (the native one opened).
  await runInImage(docker, DEPLOYMENT_IMAGES.app, ['node', '--import', 'tsx', '-e', "new (require('better-sqlite3'))(':memory:'); require('./api/src/server'); require('./worker/src/start-worker');"]);
  if (existing) await removeReplacedImage(docker, existing.Id);
  return done(`image ${DEPLOYMENT_IMAGES.app} built on ${base.name}`);
}

/** Step: grader-redis:latest is built from deploy/redis on `base` (Debian's Redis 7). */
export async function ensureRedisImage(ctx: ProvisionContext, base: BaseImage, progress: Progress): Promise<StepOutcome<void>> {
  const docker = dockerClient(ctx.config.dockerSocket);
  const dir = path.join(ctx.repoRoot, 'deploy', 'redis');
  const digest = hashContext(dir);
  const hash = imageHash(digest.hash, base.id);
  const existing = await inspectImage(docker, DEPLOYMENT_IMAGES.redis);
  if (imageLabel(existing, CONTEXT_LABEL) === hash) return done(`image ${DEPLOYMENT_IMAGES.redis} up to date`);
  progress(`building image ${DEPLOYMENT_IMAGES.redis} on ${base.name} (Redis from Debian's packages)`);
  await buildImage(docker, { context: dir, files: digest.files, name: DEPLOYMENT_IMAGES.redis, buildArgs: { BASE_IMAGE: base.name }, labels: { [CONTEXT_LABEL]: hash } });
  if (existing) await removeReplacedImage(docker, existing.Id);
  return done(`image ${DEPLOYMENT_IMAGES.redis} built on ${base.name}`);
}

/** Step: Debian's docker-compose (1.29, the Python one: the only compose Debian packages). */
export async function ensureCompose(ctx: ProvisionContext, progress: Progress): Promise<StepOutcome<void>> {
  const { path: found, installed } = await ctx.apt.ensureCommand('docker-compose', 'docker-compose', progress);
  return done(`docker-compose at ${found}${installed ? ' (installed)' : ''}`);
}
