import type { Redis } from 'ioredis';
import { type Logger, type RetryPolicy } from '@grader/runtime';
import type { AUTHORING_ROUTES } from '@grader/contracts';
import type { TableHandlers } from '../http/serve-route';
import type { GradeQueue } from '../queue/grade-queue';
import { ValidateQueue } from '../queue/validate-queue';
import type { CourseStore } from '../store/course-store';
import type { Db } from '../store/database';
import type { ExerciseStore } from '../store/exercise-store';
import type { SubmissionStore } from '../store/submission-store';
import { DraftStore } from './draft-store';
import { AuthoringReconciler } from './job-reconciler';
import { applyAuthoringMessage, type AuthoringMessage } from './messages';
import { RegradeStore } from './regrade-store';
import { ReportStore } from './report-store';
import { authoringRoutes } from './routes';
import { ValidationStore } from './validation-store';

export { isAuthoringMessage, type AuthoringMessage } from './messages';

export interface AuthoringDeps {
  db: Db;
  redis: Redis;
  /** The queues' key prefix. */
  prefix: string;
  retry?: RetryPolicy;
  exercises: ExerciseStore;
  submissions: SubmissionStore;
  courses: CourseStore;
  gradeQueue: GradeQueue;
  logger: Logger;
}

/** Exercise authoring in the API process: what the composition root mounts, feeds and starts. */
export interface Authoring {
  /** Its routes (AUTHORING_ROUTES with their handlers), served with the rest of the table. */
  routes: TableHandlers<typeof AUTHORING_ROUTES>;
  /** What the recorder calls for validation and regrade messages. */
  record(message: AuthoringMessage): boolean;
  /** Starts looking for lost validation and regrade jobs every `intervalMs`. */
  start(intervalMs: number): void;
  /** Stops looking and closes the validate queue. */
  close(): Promise<void>;
}

/** The one wiring point of authoring: its stores, the validate queue, the reconciler of its jobs and its routes. */
export function createAuthoring(deps: AuthoringDeps): Authoring {
  const drafts = new DraftStore(deps.db);
  const validations = new ValidationStore(deps.db);
  const regrades = new RegradeStore(deps.db);
  const validateQueue = new ValidateQueue(deps.redis, deps.prefix, deps.retry);
  const reconciler = new AuthoringReconciler({ validations, regrades }, { validate: validateQueue, grade: deps.gradeQueue }, deps.logger);
  const routes = authoringRoutes({ ...deps, gradeQueue: deps.gradeQueue, drafts, validations, regrades, reports: new ReportStore(deps.db), validateQueue });
  return {
    routes,
    record: (message) => applyAuthoringMessage({ validations, regrades }, message),
    start: (intervalMs) => reconciler.start(intervalMs),
    async close() {
      await reconciler.stop();
      await validateQueue.close();
    },
  };
}
