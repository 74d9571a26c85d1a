import { spawn } from 'node:child_process';
import path from 'node:path';
import type Docker from 'dockerode';
import {
  baseImageName,
  importChanges,
  loadRecipe,
  recipeHash,
  recipePath,
  type Recipe,
} from './base-recipe';
import type { ProvisionContext } from './context';
import { findDebianMirror } from './debian-mirror';
import { dockerClient } from './docker-engine';
import { imageLabel, inspectImage, removeImage, removeReplacedImage, runInImage } from './docker-images';
import { readMessages } from './docker-stream';
import { ProvisionError, oneLine } from './errors';
import { findExecutable, isRoot } from './exec';
import { done, type Progress, type StepOutcome } from './progress';
import { customizeRootfs, debootstrap, disposeRootfs } from './rootfs';

/** The image the sandbox images are built FROM (their BASE_IMAGE build argument). */
export interface BaseImage {
  name: string;
  id: string;
}

export const RECIPE_LABEL = 'grader.recipe';

/** Step: the base image exists (pulled when configured, else built here from Debian's packages). */
export async function ensureBaseImage(ctx: ProvisionContext, progress: Progress): Promise<StepOutcome<BaseImage>> {
  const docker = dockerClient(ctx.config.dockerSocket);
  if (ctx.config.baseImage) return ensureConfiguredBase(docker, ctx.config.baseImage, progress);

  const recipe = loadRecipe(recipePath(ctx.repoRoot));
  const name = baseImageName(recipe);
  const hash = recipeHash(recipe);
  const existing = await inspectImage(docker, name);
  if (existing && imageLabel(existing, RECIPE_LABEL) === hash) {
    return done(`base image ${name} up to date (node ${process.version})`, { name, id: existing.Id });
  }
  if (!isRoot()) {
    throw new ProvisionError(
      `base image ${name} must be built and debootstrap needs root: run provisioning as root once, or set GRADER_BASE_IMAGE to an image a registry serves`,
    );
  }
  progress(`building base image ${name} from Debian ${recipe.suite} packages (${existing ? 'recipe or Node changed' : 'not built yet'}; about 1 min)`);
  const id = await buildBaseImage(ctx, docker, recipe, name, hash, progress);
  if (existing && existing.Id !== id) await removeReplacedImage(docker, existing.Id);
  return done(`base image ${name} built (node ${process.version} on Debian ${recipe.suite})`, { name, id });
}

async function ensureConfiguredBase(docker: Docker, name: string, progress: Progress): Promise<StepOutcome<BaseImage>> {
  const present = await inspectImage(docker, name);
  if (present) return done(`base image ${name} present (GRADER_BASE_IMAGE)`, { name, id: present.Id });
  progress(`pulling base image ${name} (GRADER_BASE_IMAGE)`);
  let error: string | undefined;
  try {
    error = (await readMessages(docker.modem, await docker.pull(name))).error;
  } catch (err) {
    error = oneLine(err);
  }
  const pulled = error ? undefined : await inspectImage(docker, name);
  if (!pulled) {
    throw new ProvisionError(
      `${name} (GRADER_BASE_IMAGE) is not here and docker pull failed: ${error ?? 'no image after pull'}. Unset GRADER_BASE_IMAGE to build a base image from Debian's packages`,
    );
  }
  return done(`base image ${name} pulled (GRADER_BASE_IMAGE)`, { name, id: pulled.Id });
}

async function buildBaseImage(
  ctx: ProvisionContext,
  docker: Docker,
  recipe: Recipe,
  name: string,
  hash: string,
  progress: Progress,
): Promise<string> {
  const tool = await ctx.apt.ensureCommand('debootstrap', 'debootstrap', progress);
  const mirror = findDebianMirror(recipe.suite);
  const rootfs = path.join(ctx.repoRoot, '.build', 'base-rootfs');
  await disposeRootfs(rootfs); // left over by an interrupted run
  try {
    await debootstrap(tool.path, recipe, rootfs, mirror);
    await customizeRootfs(rootfs, recipe);
    const labels = { [RECIPE_LABEL]: hash, 'grader.node-version': process.version };
    const id = await importRootfs(docker, rootfs, name, importChanges(recipe, labels));
    try {
      const check = `process.exit(process.version === ${JSON.stringify(process.version)} ? 0 : 3)`;
      await runInImage(docker, name, ['node', '-e', check]);
    } catch (err) {
      await removeImage(docker, id, { force: true });
      throw err;
    }
    return id;
  } finally {
    await disposeRootfs(rootfs);
  }
}

/** `tar -C rootfs -c . | docker import --change ... - name`, through the engine's API. Returns the image id. */
async function importRootfs(docker: Docker, rootfs: string, name: string, changes: string[]): Promise<string> {
  const [repo, tag = 'latest'] = splitName(name);
  const tar = spawn(findExecutable('tar') ?? 'tar', ['--numeric-owner', '-C', rootfs, '-c', '.'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tarErr = '';
  tar.stderr.on('data', (c: Buffer) => (tarErr += c.toString()));
  const tarExit = new Promise<number>((resolve) => {
    tar.on('error', () => resolve(-1));
    tar.on('close', (code) => resolve(code ?? 1));
  });
  const summary = await readMessages(docker.modem, await docker.importImage(tar.stdout, { repo, tag, changes }));
  const code = await tarExit;
  if (summary.error) throw new ProvisionError(`docker import of ${name} failed: ${summary.error}`);
  if (code !== 0) {
    if (summary.imageId) await removeImage(docker, summary.imageId, { force: true });
    throw new ProvisionError(`tar of the rootfs failed (exit code ${code}): ${oneLine(tarErr)}`);
  }
  const image = await inspectImage(docker, name);
  if (!image) throw new ProvisionError(`docker import reported no error but there is no image ${name}`);
  return image.Id;
}

/** `repo[:tag]`, where the repo may hold a registry host with a port. */
export function splitName(name: string): [string, string | undefined] {
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? [name.slice(0, colon), name.slice(colon + 1)] : [name, undefined];
}
