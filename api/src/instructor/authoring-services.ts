import type { Redis } from 'ioredis';
import { LIMITS } from '@grader/contracts';
import { type RetryPolicy, type Logger } from '@grader/runtime';
import type { GradeQueue } from '../queue/grade-queue';
import { ValidateQueue } from '../queue/validate-queue';
import { applyAuthoringMessage, type AuthoringMessage } from '../recorder/authoring-messages';
import { AuthoringReconciler } from '../recorder/authoring-reconciler';
import type { Db } from '../store/database';
import { DraftStore } from '../store/draft-store';
import { InstructorReportStore } from '../store/instructor-report-store';
import { RegradeStore } from '../store/regrade-store';
import { ValidationStore } from '../store/validation-store';

export interface AuthoringServices {
  drafts: DraftStore;
  validations: ValidationStore;
  regrades: RegradeStore;
  reports: InstructorReportStore;
  validateQueue: ValidateQueue;
  /** What the recorder calls for validation and regrade messages. */
  record(message: AuthoringMessage): boolean;
  close(): Promise<void>;
}

/** Everything exercise authoring needs in the API process: its stores, the validate queue, and the reconciler of its jobs. */
export function createAuthoringServices(deps: { db: Db; redis: Redis; prefix: string; retry?: RetryPolicy; gradeQueue: GradeQueue; logger: Logger }): AuthoringServices {
  const drafts = new DraftStore(deps.db);
  const validations = new ValidationStore(deps.db);
  const regrades = new RegradeStore(deps.db);
  const validateQueue = new ValidateQueue(deps.redis, deps.prefix, deps.retry);
  const reconciler = new AuthoringReconciler({ validations, regrades }, { validate: validateQueue, grade: deps.gradeQueue }, deps.logger);
  reconciler.start(LIMITS.queue.reconcileEveryMs);
  return {
    drafts,
    validations,
    regrades,
    reports: new InstructorReportStore(deps.db),
    validateQueue,
    record: (message) => applyAuthoringMessage({ validations, regrades }, message),
    async close() {
      await reconciler.stop();
      await validateQueue.close();
    },
  };
}
