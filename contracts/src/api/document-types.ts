import type { z } from 'zod';
import type * as A from './authoring-documents';
import type * as S from './assignments';
import type * as D from './documents';
import type * as L from './lti';

/*
 * The TypeScript types of the API's documents, as clients read them (the schemas' output):
 * the web app imports these instead of re-typing the answers, so a change of a document is a
 * type error in the pages that read it.
 */
export type User = z.output<typeof D.UserView>;
export type ExerciseSummaryDocument = z.output<typeof D.ExerciseSummary>;
export type Exercise = z.output<typeof D.ExerciseDetail>;
export type SubmissionStatusName = z.output<typeof D.SubmissionStatus>;
export type TestOutcome = z.output<typeof D.TestView>;
export type Submission = z.output<typeof D.SubmissionDocument>;
export type DraftSummaryDocument = z.output<typeof A.DraftSummary>;
export type DraftDetailDocument = z.output<typeof A.DraftDetail>;
export type ValidationReport = z.output<typeof A.ValidationView>;
export type CandidateReportDocument = NonNullable<ValidationReport['candidates']>[number];
export type PublishedExercise = z.output<typeof A.Published>;
export type InstructorExercise = z.output<typeof A.CatalogueEntry>;
export type ExerciseVersionEntry = z.output<typeof A.VersionEntry>;
export type ExercisePackage = z.output<typeof A.ExercisePackageFiles>;
export type InstructorSubmissionRow = z.output<typeof A.ExerciseSubmissionPage>['items'][number];
export type ExerciseStatisticsDocument = z.output<typeof A.ExerciseStatistics>;
export type RegradeBatch = z.output<typeof A.RegradeView>;
export type RegradeRow = RegradeBatch['changes'][number];
export type RegradeAppliedDocument = z.output<typeof A.RegradeApplied>;
export type AssignmentDocument = z.output<typeof S.Assignment>;
export type AssignmentGradebookDocument = z.output<typeof S.AssignmentGradebook>;
export type MyCourseDocument = z.output<typeof S.MyCourse>;
export type CourseDocument = z.output<typeof D.Course>;
export type LtiPlatformsDocument = z.output<typeof L.LtiPlatforms>;
export type LtiPlatformDocument = z.output<typeof L.LtiPlatform>;
export type RegisterPlatformRequest = z.input<typeof L.RegisterPlatformBody>;
