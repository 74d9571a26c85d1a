import type { Redis } from 'ioredis';
import type { LTI_ROUTES } from '@grader/contracts';
import { connectRedis, type Logger } from '@grader/runtime';
import type { Worker } from 'bullmq';
import type { TableHandlers } from '../http/serve-route';
import type { SubmissionStore } from '../store/submission-store';
import type { LaunchAccountDeps } from './launch-accounts';
import { LaunchVerifier } from './launch-verification';
import { ltiHandlers } from './lti-routes';
import { LtiStore } from './lti-store';
import { PlatformClient } from './platform-client';
import { LtiScoreQueue, startScoreDeliverer } from './score-passback';
import { ToolKeys } from './tool-keys';

/**
 * LTI 1.3 as a tool (1EdTech LTI Core 1.3, Deep Linking 2.0, Assignment and Grade Services 2.0):
 * platforms an admin registers launch their users into exercises, staff link exercises by deep
 * linking, and learners' grades go back to the platform's gradebook. Built on jose (JWT, JWKS)
 * with the spec's checks written here: the LTI libraries for Node want MongoDB or Sequelize.
 */
export interface Lti {
  routes: TableHandlers<typeof LTI_ROUTES>;
  /** Queues a graded submission's score for the platforms its learner launched it from. */
  scores: LtiScoreQueue;
  start(): void;
  close(): Promise<void>;
}

export function createLti(
  deps: Omit<LaunchAccountDeps, 'lti'> & { submissions: SubmissionStore; redis: Redis; redisUrl: string; prefix: string; backoffMs: number; secureCookies: boolean; publicUrl?: string; logger: Logger },
): Lti {
  const lti = new LtiStore(deps.db);
  const keys = new ToolKeys(deps.db);
  const scores = new LtiScoreQueue(deps.redis, deps.prefix, deps.backoffMs, lti);
  const client = new PlatformClient(keys);
  let deliverer: { worker: Worker; connection: Redis } | undefined;
  return {
    routes: ltiHandlers({ ...deps, lti, keys, verifier: new LaunchVerifier(lti) }),
    scores,
    start() {
      const connection = connectRedis(deps.redisUrl);
      connection.on('error', () => undefined);
      const worker = startScoreDeliverer({ ...deps, lti, client, connection, prefix: deps.prefix });
      deliverer = { worker, connection };
    },
    async close() {
      await deliverer?.worker.close();
      deliverer?.connection.disconnect();
      await scores.close();
    },
  };
}
