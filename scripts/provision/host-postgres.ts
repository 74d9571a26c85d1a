import fs from 'node:fs';
import path from 'node:path';
import { CONTAINER_LAYOUT } from '@grader/harness';
import type { ProvisionContext } from './context';
import { done, type Progress, type StepOutcome } from './progress';

/**
 * Debian's PostgreSQL 15 on the host, for the unit tests of the PostgreSQL runner, which run
 * its server outside a container. The same package and paths as in the sandbox image (whose
 * base image gets it from its recipe): the tests see the server the sandbox runs.
 */
export async function ensureHostPostgres(ctx: ProvisionContext, progress: Progress): Promise<StepOutcome<void>> {
  const server = path.join(CONTAINER_LAYOUT.pgBin, 'postgres');
  if (fs.existsSync(server)) return done(`PostgreSQL 15 at ${CONTAINER_LAYOUT.pgBin}`);
  await ctx.apt.install(['postgresql-15'], progress, `${server} is missing (the PostgreSQL runner's tests need it)`);
  if (!fs.existsSync(server)) throw new Error(`package postgresql-15 installed but ${server} is still missing`);
  return done(`PostgreSQL 15 installed at ${CONTAINER_LAYOUT.pgBin}`);
}
