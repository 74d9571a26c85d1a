import path from 'node:path';
// Only the config module: the rest of @grader/runtime pulls in ioredis, pino, ...
import { loadConfig, type Config } from '@grader/runtime/src/config';
import { Apt } from './apt';
import type { Log } from './progress';

/** Everything the provisioning steps share during one run. */
export interface ProvisionContext {
  config: Config;
  /** The repository's root directory. */
  repoRoot: string;
  log: Log;
  apt: Apt;
}

/** The repository root: this file is scripts/provision/context.ts. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function createContext(options: { log: Log; config?: Config; repoRoot?: string }): ProvisionContext {
  return {
    config: options.config ?? loadConfig(),
    repoRoot: options.repoRoot ?? REPO_ROOT,
    log: options.log,
    apt: new Apt(),
  };
}
