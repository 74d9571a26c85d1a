import fs from 'node:fs';
import path from 'node:path';
import type { BaseImage } from './base-image';
import type { ProvisionContext } from './context';
import { hashContext, imageHash } from './context-hash';
import { dockerClient } from './docker-engine';
import { buildImage, imageLabel, inspectImage, removeReplacedImage } from './docker-images';
import { ProvisionError } from './errors';
import { done, step, type Progress, type StepOutcome } from './progress';

/**
 * The sandbox images: one per folder sandbox-images/<runtime>/ (but base) with a Dockerfile,
 * named <GRADER_SANDBOX_IMAGE_PREFIX><runtime>:latest, rebuilt when their context or
 * their base image changes. A runtime whose runtime.json says `"extends": "<runtime>"` is built
 * on that runtime's sandbox image (its BASE_IMAGE), after it; the others on the Debian base.
 */

export const CONTEXT_LABEL = 'grader.context-hash';
const PREPARE_FILE = 'prepare-context.ts';

export interface SandboxImageSource {
  runtime: string;
  /** The folder sandbox-images/<runtime>. */
  dir: string;
  /** Its prepare-context.ts, when the build context is generated. */
  prepare?: string;
  /** The runtime whose sandbox image this one is built on (runtime.json's `extends`). */
  extends?: string;
}

/** The runtimes under `imagesDir`, in build order: by name, each after the runtime it extends. */
export function listSandboxImages(imagesDir: string): SandboxImageSource[] {
  if (!fs.existsSync(imagesDir)) return [];
  const sources = fs
    .readdirSync(imagesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'base' && fs.existsSync(path.join(imagesDir, e.name, 'Dockerfile')))
    .map((e) => e.name)
    .sort()
    .map((runtime): SandboxImageSource => {
      const dir = path.join(imagesDir, runtime);
      const prepare = path.join(dir, PREPARE_FILE);
      const extended = extendsOf(dir);
      return { runtime, dir, prepare: fs.existsSync(prepare) ? prepare : undefined, ...(extended && { extends: extended }) };
    });
  return buildOrder(sources);
}

function extendsOf(dir: string): string | undefined {
  const file = path.join(dir, 'runtime.json');
  if (!fs.existsSync(file)) return undefined;
  const value = (JSON.parse(fs.readFileSync(file, 'utf8')) as { extends?: unknown }).extends;
  if (value !== undefined && typeof value !== 'string') throw new ProvisionError(`${file}: "extends" must name a runtime`);
  return value;
}

/** Each source after the one it extends; throws on a runtime extending one that is not there, or a cycle. */
function buildOrder(sources: SandboxImageSource[]): SandboxImageSource[] {
  const byName = new Map(sources.map((s) => [s.runtime, s]));
  const ordered: SandboxImageSource[] = [];
  const visit = (source: SandboxImageSource, path: string[]): void => {
    if (ordered.includes(source)) return;
    if (path.includes(source.runtime)) throw new ProvisionError(`sandbox images extend each other in a cycle: ${[...path, source.runtime].join(' → ')}`);
    if (source.extends !== undefined) {
      const base = byName.get(source.extends);
      if (!base) throw new ProvisionError(`sandbox image ${source.runtime} extends ${source.extends}, which has no sandbox-images/${source.extends}/Dockerfile`);
      visit(base, [...path, source.runtime]);
    }
    ordered.push(source);
  };
  for (const source of sources) visit(source, []);
  return ordered;
}

export function sandboxImageName(prefix: string, runtime: string): string {
  return `${prefix}${runtime}:latest`;
}

type PrepareContext = (outDir: string) => Promise<void>;

/** The prepare-context.ts module's default export (or its named `prepareContext`). */
async function loadPrepare(file: string): Promise<PrepareContext> {
  const mod = (await import(file)) as Record<string, unknown> & { default?: unknown };
  const candidates = [mod.default, (mod.default as Record<string, unknown> | undefined)?.default, mod.prepareContext];
  const fn = candidates.find((c) => typeof c === 'function');
  if (!fn) throw new ProvisionError(`${file} has no default export function prepareContext(outDir)`);
  return fn as PrepareContext;
}

/** The build context folder: the runtime's folder itself, or what its prepare-context.ts writes. */
async function buildContext(source: SandboxImageSource, buildRoot: string): Promise<string> {
  if (!source.prepare) return source.dir;
  const outDir = path.join(buildRoot, 'sandbox-images', source.runtime);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const prepare = await loadPrepare(source.prepare);
  await prepare(outDir);
  if (!fs.existsSync(path.join(outDir, 'Dockerfile'))) {
    throw new ProvisionError(`${source.prepare} wrote no Dockerfile into ${outDir}`);
  }
  return outDir;
}

export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** Step body for one runtime. */
export async function ensureSandboxImage(
  ctx: ProvisionContext,
  source: SandboxImageSource,
  base: BaseImage,
  progress: Progress,
): Promise<StepOutcome<BaseImage>> {
  const docker = dockerClient(ctx.config.dockerSocket);
  const name = sandboxImageName(ctx.config.sandboxImagePrefix, source.runtime);
  const shown = name.replace(/:latest$/, '');
  const context = await buildContext(source, path.join(ctx.repoRoot, '.build'));
  const digest = hashContext(context);
  const hash = imageHash(digest.hash, base.id);
  const existing = await inspectImage(docker, name);
  if (existing && imageLabel(existing, CONTEXT_LABEL) === hash) return done(`image ${shown} up to date`, { name, id: existing.Id });

  const size = `${digest.files.length} file${digest.files.length === 1 ? '' : 's'}, ${formatBytes(digest.bytes)}`;
  progress(`building image ${shown} on ${base.name} (context ${size})`);
  await buildImage(docker, { context, files: digest.files, name, buildArgs: { BASE_IMAGE: base.name }, labels: { [CONTEXT_LABEL]: hash } });
  const built = await inspectImage(docker, name);
  if (!built || imageLabel(built, CONTEXT_LABEL) !== hash) {
    throw new ProvisionError(`docker build of ${name} reported success but the image is not there with its label`);
  }
  if (existing && existing.Id !== built.Id) await removeReplacedImage(docker, existing.Id);
  return done(`image ${shown} built on ${base.name} (context ${size})`, { name, id: built.Id });
}

/** One step per runtime under `imagesDir` (default: the repository's sandbox-images). */
export async function ensureSandboxImages(
  ctx: ProvisionContext,
  base: BaseImage,
  imagesDir: string = path.join(ctx.repoRoot, 'sandbox-images'),
): Promise<void> {
  const sources = listSandboxImages(imagesDir);
  if (sources.length === 0) {
    ctx.log(`✓ sandbox images: none defined yet (no ${path.relative(ctx.repoRoot, imagesDir) || imagesDir}/<runtime>/Dockerfile)`);
    return;
  }
  const built = new Map<string, BaseImage>();
  for (const source of sources) {
    const label = `image ${ctx.config.sandboxImagePrefix}${source.runtime}`;
    const on = source.extends === undefined ? base : built.get(source.extends)!;
    built.set(source.runtime, await step(ctx.log, label, (progress) => ensureSandboxImage(ctx, source, on, progress)));
  }
}
