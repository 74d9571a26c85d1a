/**
 * Provisioning run by `npm test` and `npm start` before anything else: a Redis, a Docker
 * engine, the base image, the sandbox images, the engine's container runtime (crun), the web
 * app's bundle and (for the tests)
 * chromium, the host's PostgreSQL and the deployment's images, installed and started on a machine that
 * may have none of them. Idempotent; quick when everything is in place.
 *
 *   tsx scripts/provision.ts     (or: npm run provision)
 */
import type { Config } from '@grader/runtime/src/config';
import { ensureBaseImage } from './provision/base-image';
import { ensureChromium } from './provision/chromium';
import { ensureContainerRuntime, prepareCgroupsForCrun } from './provision/container-runtime';
import { ensureHostPostgres } from './provision/host-postgres';
import { createContext } from './provision/context';
import { ensureAppImage, ensureCompose, ensureRedisImage } from './provision/deployment';
import { ensureDockerEngine } from './provision/docker-engine';
import { oneLine } from './provision/errors';
import { StepFailed, formatDuration, step, streamLog, type Log } from './provision/progress';
import { ensureRedis } from './provision/redis';
import { ensureSandboxImages, sandboxImageName } from './provision/sandbox-images';
import { ensureWebBundle } from './provision/web-bundle';

export interface ProvisionOptions {
  /** Receives each progress line (default: stdout). */
  log?: Log;
  /** Default: loadConfig() from the environment. */
  config?: Config;
  /**
   * Also install what only the tests use (`npm test`, `npm run provision`; not `npm start`):
   * the browser the browser tests drive, the PostgreSQL server the runner's unit tests start,
   * and the deployment's images and docker-compose (docker-compose.yml; the many-host test runs it).
   */
  testTools?: boolean;
}

/**
 * Makes sure Redis, the Docker engine, the base image, the sandbox images, the web bundle
 * and (for tests) chromium and PostgreSQL are there.
 * Throws an Error with a one-line message (already logged with its details) on failure.
 */
export async function provision(options: ProvisionOptions = {}): Promise<void> {
  const ctx = createContext({ log: options.log ?? streamLog(), config: options.config });
  await step(ctx.log, 'redis', (progress) => ensureRedis(ctx, progress));
  await step(ctx.log, 'docker engine', (progress) => ensureDockerEngine(ctx, progress));
  await step(ctx.log, 'cgroups', (progress) => prepareCgroupsForCrun(ctx, progress));
  const base = await step(ctx.log, 'base image', (progress) => ensureBaseImage(ctx, progress));
  await ensureSandboxImages(ctx, base);
  // After the images: crun is made the default only once a sandbox container has started with it.
  await step(ctx.log, 'container runtime', (progress) => ensureContainerRuntime(ctx, progress, sandboxImageName(ctx.config.sandboxImagePrefix, 'node')));
  await step(ctx.log, 'web app', (progress) => ensureWebBundle(ctx, progress));
  if (options.testTools) {
    await step(ctx.log, 'chromium', (progress) => ensureChromium(ctx, progress));
    await step(ctx.log, 'host PostgreSQL', (progress) => ensureHostPostgres(ctx, progress));
    await step(ctx.log, 'docker-compose', (progress) => ensureCompose(ctx, progress));
    await step(ctx.log, 'redis image', (progress) => ensureRedisImage(ctx, base, progress));
    await step(ctx.log, 'app image', (progress) => ensureAppImage(ctx, base, progress));
  }
}

export { StepFailed };

async function main(): Promise<void> {
  const started = Date.now();
  try {
    await provision({ testTools: true });
    console.log(`✓ provisioned in ${formatDuration(Date.now() - started)}`);
  } catch (err) {
    // A failed step has printed its ✗ line already; anything else (bad config, ...) gets one here.
    if (!(err instanceof StepFailed)) console.error(`✗ provisioning failed: ${oneLine(err)}`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
