import { z } from 'zod';
import { LIMITS } from '../../limits';
import { Slug } from '../../manifest';
import * as A from '../authoring-documents';
import { ARCHIVE_MEDIA_TYPES, ExercisePackageQuery, ExerciseSubmissionsQuery, GradebookQuery, ListDraftsQuery, PackageFilesBody, StartRegradeBody } from '../authoring-requests';
import { items } from '../documents';
import { defineRoute } from '../route';

/**
 * Exercise authoring: the manifest's JSON Schema for anyone, and under /api/instructor what
 * instructors and admins do with exercises (students get 403): drafts, their validation and
 * publishing, versions, archiving, submissions, statistics, regrades and the gradebook.
 */

const tags = ['instructors'] as const;
const idOf = (what: string) => z.strictObject({ id: z.uuid().meta({ description: what }) });
const slugParams = z.strictObject({ slug: Slug });
const located = z.object({ Location: z.string() });

/** A draft's content: JSON files, or an archive of the package folder. */
const packageUpload = {
  body: PackageFilesBody,
  bodyContentType: ['application/json', ...Object.keys(ARCHIVE_MEDIA_TYPES)],
  bodyDescription: `The package as JSON files, or as an archive (.tar.gz or .zip, at most ${LIMITS.exercisePackage.archiveBytes} bytes): folders and regular UTF-8 text files only.`,
  errors: ['validation_failed', 'malformed_json', 'invalid_archive', 'payload_too_large', 'unsupported_media_type', 'invalid_exercise'],
  errorNotes: {
    invalid_archive: 'names the entry: a link, a device, an absolute path, `..`, not UTF-8, too large, too many entries',
    invalid_exercise: 'the manifest and the files it names, see `errors`',
  },
} as const;

const draft = { access: 'staff', tags, params: idOf('The draft'), resource: 'Draft' } as const;
const exercise = { access: 'staff', tags, params: slugParams, resource: 'Exercise' } as const;
const regrade = { access: 'staff', tags, params: idOf('The batch'), resource: 'Regrade' } as const;

const draftRoutes = {
  manifestSchema: defineRoute({
    method: 'get',
    path: '/api/exercise-schema.json',
    access: 'public',
    tags,
    summary: 'The JSON Schema of exercise.yaml (as docs/exercise.schema.json)',
    responses: { 200: { description: 'JSON Schema 2020-12', contentType: 'application/schema+json', schema: z.looseObject({}) } },
  }),
  createDraft: defineRoute({
    method: 'post',
    path: '/api/instructor/drafts',
    access: 'staff',
    tags,
    summary: 'Create a draft from an exercise package',
    description: 'Students never see a draft. Validate it, then publish it as the exercise’s next version.',
    ...packageUpload,
    responses: { 201: { description: 'The draft.', schema: A.DraftSummary, headers: located } },
  }),
  listDrafts: defineRoute({
    method: 'get',
    path: '/api/instructor/drafts',
    access: 'staff',
    tags,
    summary: 'Drafts, newest first',
    query: ListDraftsQuery,
    responses: { 200: { description: 'Drafts.', schema: items(A.DraftSummary) } },
  }),
  getDraft: defineRoute({
    ...draft,
    method: 'get',
    path: '/api/instructor/drafts/{id}',
    summary: 'A draft with its manifest and files',
    responses: { 200: { description: 'The draft.', schema: A.DraftDetail } },
  }),
  replaceDraft: defineRoute({
    ...draft,
    method: 'put',
    path: '/api/instructor/drafts/{id}',
    summary: 'Replace a draft’s content (same slug); earlier validations stop counting',
    ...packageUpload,
    errors: [...packageUpload.errors, 'draft_closed', 'slug_changed'],
    responses: { 200: { description: 'The draft.', schema: A.DraftSummary } },
  }),
  discardDraft: defineRoute({
    ...draft,
    method: 'delete',
    path: '/api/instructor/drafts/{id}',
    summary: 'Discard a draft',
    errors: ['draft_closed'],
    responses: { 204: { description: 'Discarded.' } },
  }),
  validateDraft: defineRoute({
    ...draft,
    method: 'post',
    path: '/api/instructor/drafts/{id}/validations',
    summary: 'Validate a draft in the sandbox',
    description:
      'Grades the reference solution (must score full marks), each alternative (full marks), each known-wrong solution (at most its maxScore) and the starter files (below full marks) on a worker. Poll the validation.',
    errors: ['draft_closed', 'queue_unavailable'],
    responses: { 202: { description: 'Queued (or the validation of the same content already under way).', schema: A.ValidationView, headers: located } },
  }),
  listValidations: defineRoute({
    ...draft,
    method: 'get',
    path: '/api/instructor/drafts/{id}/validations',
    summary: 'A draft’s validations, newest first',
    responses: { 200: { description: 'Validations.', schema: items(A.ValidationView) } },
  }),
  publishDraft: defineRoute({
    ...draft,
    method: 'post',
    path: '/api/instructor/drafts/{id}/publish',
    summary: 'Publish a draft as the exercise’s next version',
    description: 'Only when the draft’s latest validation passed for exactly its current content. Earlier grades keep the version they were graded against.',
    errors: ['not_validated', 'validation_pending', 'validation_outdated', 'validation_not_passed', 'validation_errored', 'draft_closed'],
    errorNotes: { validation_not_passed: '`errors` names each candidate and why' },
    responses: {
      201: { description: 'A new version.', schema: A.Published, headers: located },
      200: { description: 'The content equals the current version: nothing new (an archived exercise is published again).', schema: A.Published },
    },
  }),
  getValidation: defineRoute({
    access: 'staff',
    tags,
    params: idOf('The validation'),
    resource: 'Validation',
    method: 'get',
    path: '/api/instructor/validations/{id}',
    summary: 'A validation and, once complete, its report',
    responses: { 200: { description: 'The validation.', schema: A.ValidationView } },
  }),
};

const exerciseRoutes = {
  listCatalogue: defineRoute({
    method: 'get',
    path: '/api/instructor/exercises',
    access: 'staff',
    tags,
    summary: 'Every exercise, archived ones included',
    responses: { 200: { description: 'By slug.', schema: items(A.CatalogueEntry) } },
  }),
  listVersions: defineRoute({
    ...exercise,
    method: 'get',
    path: '/api/instructor/exercises/{slug}/versions',
    summary: 'An exercise’s versions',
    responses: { 200: { description: 'Oldest first.', schema: items(A.VersionEntry) } },
  }),
  exercisePackage: defineRoute({
    ...exercise,
    method: 'get',
    path: '/api/instructor/exercises/{slug}/package',
    summary: 'A version’s whole package as files, to edit into a new draft',
    query: ExercisePackageQuery,
    responses: { 200: { description: 'Every file of the package, manifest included.', schema: A.ExercisePackageFiles } },
  }),
  archiveExercise: defineRoute({
    ...exercise,
    method: 'post',
    path: '/api/instructor/exercises/{slug}/archive',
    summary: 'Archive an exercise: students no longer see it or submit to it; grades stay',
    responses: { 200: { description: 'The new status.', schema: A.StatusChange } },
  }),
  restoreExercise: defineRoute({
    ...exercise,
    method: 'post',
    path: '/api/instructor/exercises/{slug}/restore',
    summary: 'Publish an archived exercise again',
    responses: { 200: { description: 'The new status.', schema: A.StatusChange } },
  }),
  exerciseSubmissions: defineRoute({
    ...exercise,
    method: 'get',
    path: '/api/instructor/exercises/{slug}/submissions',
    summary: 'An exercise’s submissions, newest first, filtered, a page at a time',
    query: ExerciseSubmissionsQuery,
    responses: { 200: { description: 'A page.', schema: A.ExerciseSubmissionPage } },
  }),
  exerciseStatistics: defineRoute({
    ...exercise,
    method: 'get',
    path: '/api/instructor/exercises/{slug}/statistics',
    summary: 'Attempts, students, full-marks share, median best score, the tests most often failed',
    responses: { 200: { description: 'Statistics.', schema: A.ExerciseStatistics } },
  }),
  startRegrade: defineRoute({
    ...exercise,
    method: 'post',
    path: '/api/instructor/exercises/{slug}/regrades',
    summary: 'Regrade submissions against the current version (a preview until applied)',
    description: `Graded submissions of older versions (all of them with \`all\`), graded again behind every live submission (BullMQ priority ${LIMITS.regrade.priority}). Students see nothing until the batch is applied.`,
    body: StartRegradeBody,
    bodyRequired: false,
    errors: ['regrade_in_progress', 'nothing_to_regrade', 'regrade_too_large', 'queue_unavailable'],
    responses: { 202: { description: 'The batch, to poll.', schema: A.RegradeView, headers: located } },
  }),
  listRegrades: defineRoute({
    ...exercise,
    method: 'get',
    path: '/api/instructor/exercises/{slug}/regrades',
    summary: 'An exercise’s regrade batches, newest first',
    responses: { 200: { description: 'Batches.', schema: items(A.RegradeView) } },
  }),
  getRegrade: defineRoute({
    ...regrade,
    method: 'get',
    path: '/api/instructor/regrades/{id}',
    summary: 'A regrade: progress and the grades that would change, by how much',
    responses: { 200: { description: 'The batch.', schema: A.RegradeView } },
  }),
  applyRegrade: defineRoute({
    ...regrade,
    method: 'post',
    path: '/api/instructor/regrades/{id}/apply',
    summary: 'Apply a finished regrade: new grades become current, old ones go to the grade history',
    errors: ['regrade_unfinished', 'regrade_closed'],
    responses: { 200: { description: 'Applied.', schema: A.RegradeApplied } },
  }),
  discardRegrade: defineRoute({
    ...regrade,
    method: 'post',
    path: '/api/instructor/regrades/{id}/discard',
    summary: 'Discard a regrade: nothing changes',
    errors: ['regrade_closed'],
    responses: { 200: { description: 'Discarded.', schema: A.RegradeView } },
  }),
  gradeHistory: defineRoute({
    access: 'staff',
    tags,
    params: idOf('The submission'),
    resource: 'Submission',
    method: 'get',
    path: '/api/instructor/submissions/{id}/grades',
    summary: 'A submission’s current grade and the grades regrades replaced',
    responses: { 200: { description: 'Grades.', schema: A.GradeHistory } },
  }),
  gradebook: defineRoute({
    method: 'get',
    path: '/api/instructor/gradebook.csv',
    access: 'staff',
    tags,
    summary: 'Gradebook: one row per student, one column per exercise, best score',
    description: 'RFC 4180 CSV. A text cell starting with = + - @ is prefixed with an apostrophe so spreadsheets do not run it as a formula.',
    query: GradebookQuery,
    errors: ['not_found'],
    errorNotes: { not_found: 'no such course' },
    responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() } },
  }),
};

/** Every authoring route, in the order the OpenAPI document lists them. */
export const AUTHORING_ROUTES = { ...draftRoutes, ...exerciseRoutes };
