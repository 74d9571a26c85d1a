import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { LIMITS, Slug } from '@grader/contracts';
import { ARCHIVE_MEDIA_TYPES } from '../exercises/package-archive';
import { PackageFilesBody } from '../exercises/package-upload';
import { GradebookQuery } from '../routes/exercise-authoring';
import { ListDraftsQuery } from '../routes/instructor-drafts';
import { ExercisePackageQuery, ExerciseSubmissionsQuery, StartRegradeBody } from '../routes/instructor-exercises';
import * as A from '@grader/contracts';

interface Helpers {
  json(schema: z.ZodType, description: string, extra?: Partial<ResponseConfig>): ResponseConfig;
  problems(byStatus: Record<number, string>): Record<string, ResponseConfig>;
  signedIn: RouteConfig['security'];
  open: RouteConfig['security'];
}

/** The exercise-authoring routes of the OpenAPI document: the schema, and everything under /api/instructor (instructors and admins). */
export function authoringPaths({ json, problems, signedIn, open }: Helpers): RouteConfig[] {
  const tags = ['instructors'];
  const staff = { 401: '`unauthorized`', 403: '`forbidden`: students may not; `csrf_token_invalid`' };
  const id = (what: string) => ({ params: z.object({ id: z.uuid().meta({ description: what }) }) });
  const slug = { params: z.object({ slug: Slug }) };
  const located = { headers: z.object({ Location: z.string() }) };
  const packageBody = {
    body: {
      required: true,
      description: `The package as JSON files, or as an archive (.tar.gz or .zip, at most ${LIMITS.exercisePackage.archiveBytes} bytes): folders and regular UTF-8 text files only.`,
      content: {
        'application/json': { schema: PackageFilesBody },
        ...Object.fromEntries(Object.keys(ARCHIVE_MEDIA_TYPES).map((type) => [type, { schema: { type: 'string' as const, format: 'binary' } }])),
      },
    },
  };
  const packageProblems = {
    400: '`validation_failed`, `malformed_json`, `invalid_archive` (names the entry: a link, a device, an absolute path, `..`, not UTF-8, too large, too many entries)',
    413: '`payload_too_large`',
    415: '`unsupported_media_type`',
    422: '`invalid_exercise` (the manifest and the files it names, see `errors`)',
  };
  return [
    {
      method: 'get',
      path: '/api/exercise-schema.json',
      tags,
      summary: 'The JSON Schema of exercise.yaml (as docs/exercise.schema.json)',
      security: open,
      responses: { 200: { description: 'JSON Schema 2020-12', content: { 'application/schema+json': { schema: { type: 'object' } } } } },
    },
    {
      method: 'post',
      path: '/api/instructor/drafts',
      tags,
      summary: 'Create a draft from an exercise package',
      description: 'Students never see a draft. Validate it, then publish it as the exercise’s next version.',
      request: packageBody,
      security: signedIn,
      responses: { 201: json(A.DraftSummary, 'The draft.', located), ...problems({ ...packageProblems, ...staff }) },
    },
    {
      method: 'get',
      path: '/api/instructor/drafts',
      tags,
      summary: 'Drafts, newest first',
      security: signedIn,
      request: { query: ListDraftsQuery },
      responses: { 200: json(z.strictObject({ items: z.array(A.DraftSummary) }), 'Drafts.'), ...problems({ 400: '`validation_failed`', ...staff }) },
    },
    {
      method: 'get',
      path: '/api/instructor/drafts/{id}',
      tags,
      summary: 'A draft with its manifest and files',
      security: signedIn,
      request: id('The draft'),
      responses: { 200: json(A.DraftDetail, 'The draft.'), ...problems({ ...staff, 404: '`not_found`' }) },
    },
    {
      method: 'put',
      path: '/api/instructor/drafts/{id}',
      tags,
      summary: 'Replace a draft’s content (same slug); earlier validations stop counting',
      security: signedIn,
      request: { ...id('The draft'), ...packageBody },
      responses: {
        200: json(A.DraftSummary, 'The draft.'),
        ...problems({ ...packageProblems, ...staff, 404: '`not_found`', 409: '`draft_closed`', 422: '`invalid_exercise`, `slug_changed`' }),
      },
    },
    {
      method: 'delete',
      path: '/api/instructor/drafts/{id}',
      tags,
      summary: 'Discard a draft',
      security: signedIn,
      request: id('The draft'),
      responses: { 204: { description: 'Discarded.' }, ...problems({ ...staff, 404: '`not_found`', 409: '`draft_closed`' }) },
    },
    {
      method: 'post',
      path: '/api/instructor/drafts/{id}/validations',
      tags,
      summary: 'Validate a draft in the sandbox',
      description:
        'Grades the reference solution (must score full marks), each alternative (full marks), each known-wrong solution (at most its maxScore) and the starter files (below full marks) on a worker. Poll the validation.',
      security: signedIn,
      request: id('The draft'),
      responses: {
        202: json(A.ValidationView, 'Queued (or the validation of the same content already under way).', located),
        ...problems({ ...staff, 404: '`not_found`', 409: '`draft_closed`', 503: '`queue_unavailable`' }),
      },
    },
    {
      method: 'get',
      path: '/api/instructor/drafts/{id}/validations',
      tags,
      summary: 'A draft’s validations, newest first',
      security: signedIn,
      request: id('The draft'),
      responses: { 200: json(z.strictObject({ items: z.array(A.ValidationView) }), 'Validations.'), ...problems({ ...staff, 404: '`not_found`' }) },
    },
    {
      method: 'post',
      path: '/api/instructor/drafts/{id}/publish',
      tags,
      summary: 'Publish a draft as the exercise’s next version',
      description: 'Only when the draft’s latest validation passed for exactly its current content. Earlier grades keep the version they were graded against.',
      security: signedIn,
      request: id('The draft'),
      responses: {
        201: json(A.Published, 'A new version.', located),
        200: json(A.Published, 'The content equals the current version: nothing new (an archived exercise is published again).'),
        ...problems({
          ...staff,
          404: '`not_found`',
          409: '`not_validated`, `validation_pending`, `validation_outdated`, `validation_failed` (`errors` names each candidate and why), `validation_errored`, `draft_closed`',
        }),
      },
    },
    {
      method: 'get',
      path: '/api/instructor/validations/{id}',
      tags,
      summary: 'A validation and, once complete, its report',
      security: signedIn,
      request: id('The validation'),
      responses: { 200: json(A.ValidationView, 'The validation.'), ...problems({ ...staff, 404: '`not_found`' }) },
    },
    {
      method: 'get',
      path: '/api/instructor/exercises',
      tags,
      summary: 'Every exercise, archived ones included',
      security: signedIn,
      responses: { 200: json(z.strictObject({ items: z.array(A.CatalogueEntry) }), 'By slug.'), ...problems(staff) },
    },
    {
      method: 'get',
      path: '/api/instructor/exercises/{slug}/versions',
      tags,
      summary: 'An exercise’s versions',
      security: signedIn,
      request: slug,
      responses: { 200: json(z.strictObject({ items: z.array(A.VersionEntry) }), 'Oldest first.'), ...problems({ ...staff, 404: '`not_found`' }) },
    },
    {
      method: 'get',
      path: '/api/instructor/exercises/{slug}/package',
      tags,
      summary: 'A version’s whole package as files, to edit into a new draft',
      security: signedIn,
      request: { ...slug, query: ExercisePackageQuery },
      responses: { 200: json(A.ExercisePackageFiles, 'Every file of the package, manifest included.'), ...problems({ 400: '`validation_failed`', ...staff, 404: '`not_found`' }) },
    },
    ...(['archive', 'restore'] as const).map(
      (action): RouteConfig => ({
        method: 'post',
        path: `/api/instructor/exercises/{slug}/${action}`,
        tags,
        summary: action === 'archive' ? 'Archive an exercise: students no longer see it or submit to it; grades stay' : 'Publish an archived exercise again',
        security: signedIn,
        request: slug,
        responses: { 200: json(A.StatusChange, 'The new status.'), ...problems({ ...staff, 404: '`not_found`' }) },
      }),
    ),
    {
      method: 'get',
      path: '/api/instructor/exercises/{slug}/submissions',
      tags,
      summary: 'An exercise’s submissions, newest first, filtered, a page at a time',
      security: signedIn,
      request: { ...slug, query: ExerciseSubmissionsQuery },
      responses: { 200: json(A.ExerciseSubmissionPage, 'A page.'), ...problems({ 400: '`validation_failed`', ...staff, 404: '`not_found`' }) },
    },
    {
      method: 'get',
      path: '/api/instructor/exercises/{slug}/statistics',
      tags,
      summary: 'Attempts, students, full-marks share, median best score, the tests most often failed',
      security: signedIn,
      request: slug,
      responses: { 200: json(A.ExerciseStatistics, 'Statistics.'), ...problems({ ...staff, 404: '`not_found`' }) },
    },
    {
      method: 'post',
      path: '/api/instructor/exercises/{slug}/regrades',
      tags,
      summary: 'Regrade submissions against the current version (a preview until applied)',
      description: `Graded submissions of older versions (all of them with \`all\`), graded again behind every live submission (BullMQ priority ${LIMITS.regrade.priority}). Students see nothing until the batch is applied.`,
      security: signedIn,
      request: { ...slug, body: { required: false, content: { 'application/json': { schema: StartRegradeBody } } } },
      responses: {
        202: json(A.RegradeView, 'The batch, to poll.', located),
        ...problems({ 400: '`validation_failed`', ...staff, 404: '`not_found`', 409: '`regrade_in_progress`', 422: '`nothing_to_regrade`, `regrade_too_large`', 503: '`queue_unavailable`' }),
      },
    },
    {
      method: 'get',
      path: '/api/instructor/exercises/{slug}/regrades',
      tags,
      summary: 'An exercise’s regrade batches, newest first',
      security: signedIn,
      request: slug,
      responses: { 200: json(z.strictObject({ items: z.array(A.RegradeView) }), 'Batches.'), ...problems({ ...staff, 404: '`not_found`' }) },
    },
    {
      method: 'get',
      path: '/api/instructor/regrades/{id}',
      tags,
      summary: 'A regrade: progress and the grades that would change, by how much',
      security: signedIn,
      request: id('The batch'),
      responses: { 200: json(A.RegradeView, 'The batch.'), ...problems({ ...staff, 404: '`not_found`' }) },
    },
    {
      method: 'post',
      path: '/api/instructor/regrades/{id}/apply',
      tags,
      summary: 'Apply a finished regrade: new grades become current, old ones go to the grade history',
      security: signedIn,
      request: id('The batch'),
      responses: { 200: json(A.RegradeApplied, 'Applied.'), ...problems({ ...staff, 404: '`not_found`', 409: '`regrade_unfinished`, `regrade_closed`' }) },
    },
    {
      method: 'post',
      path: '/api/instructor/regrades/{id}/discard',
      tags,
      summary: 'Discard a regrade: nothing changes',
      security: signedIn,
      request: id('The batch'),
      responses: { 200: json(A.RegradeView, 'Discarded.'), ...problems({ ...staff, 404: '`not_found`', 409: '`regrade_closed`' }) },
    },
    {
      method: 'get',
      path: '/api/instructor/submissions/{id}/grades',
      tags,
      summary: 'A submission’s current grade and the grades regrades replaced',
      security: signedIn,
      request: id('The submission'),
      responses: { 200: json(A.GradeHistory, 'Grades.'), ...problems({ ...staff, 404: '`not_found`' }) },
    },
    {
      method: 'get',
      path: '/api/instructor/gradebook.csv',
      tags,
      summary: 'Gradebook: one row per student, one column per exercise, best score',
      description: 'RFC 4180 CSV. A text cell starting with = + - @ is prefixed with an apostrophe so spreadsheets do not run it as a formula.',
      security: signedIn,
      request: { query: GradebookQuery },
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
        ...problems({ 400: '`validation_failed`', ...staff, 404: '`not_found`: no such course' }),
      },
    },
  ];
}
