import type { GradeQueue } from '../queue/grade-queue';
import { type Logger } from '@grader/runtime';
import type { ValidateQueue } from '../queue/validate-queue';
import type { CourseStore } from '../store/course-store';
import type { Db } from '../store/database';
import type { ExerciseStore } from '../store/exercise-store';
import type { SubmissionStore } from '../store/submission-store';
import type { DraftStore } from './draft-store';
import type { RegradeStore } from './regrade-store';
import type { ReportStore } from './report-store';
import type { ValidationStore } from './validation-store';

/** What authoring's handlers work with: the API's stores and grade queue, and the feature's own stores and validate queue. */
export interface AuthoringContext {
  db: Db;
  exercises: ExerciseStore;
  submissions: SubmissionStore;
  courses: CourseStore;
  /** The grade queue, which regrades add their jobs to. */
  gradeQueue: GradeQueue;
  logger: Logger;
  drafts: DraftStore;
  validations: ValidationStore;
  regrades: RegradeStore;
  reports: ReportStore;
  validateQueue: ValidateQueue;
}
