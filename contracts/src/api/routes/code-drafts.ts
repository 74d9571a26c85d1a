import { z } from 'zod';
import { defineRoute } from '../route';
import { Slug } from '../../manifest';
import { SubmittedFiles } from '../../submitted-files';
import { Timestamp } from '../documents';
import { ExerciseSlugParams } from './exercises';

/**
 * A student's code in progress on one exercise, kept on the server so that it follows them to
 * another browser or device (the web app also keeps a copy in the browser, as a cache). One per
 * user and exercise; the last save wins.
 */
export const CodeDraftDocument = z
  .strictObject({
    exercise: Slug,
    files: z.record(z.string(), z.string()).meta({ description: 'Path → content: the exercise’s files as last saved.' }),
    updatedAt: Timestamp,
  })
  .meta({ id: 'CodeDraft' });
export type CodeDraftDocument = z.infer<typeof CodeDraftDocument>;

export const SaveCodeDraftBody = z.strictObject({
  files: SubmittedFiles.meta({ description: 'Exactly the files the exercise names, as in a submission.', example: { 'query.sql': 'SELECT name FROM customers' } }),
});

const noDraft = { not_found: 'no draft saved for this exercise, or no such published exercise' } as const;

/** Save, read and discard one's own code in progress on an exercise. */
export const CODE_DRAFT_ROUTES = {
  codeDraft: defineRoute({
    method: 'get',
    path: '/api/exercises/{slug}/draft',
    access: 'signed-in',
    tags: ['exercises'],
    summary: 'My code in progress on this exercise, as last saved from any device',
    params: ExerciseSlugParams,
    resource: 'Draft',
    responses: { 200: { description: 'The draft.', schema: CodeDraftDocument } },
    errorNotes: noDraft,
  }),
  saveCodeDraft: defineRoute({
    method: 'put',
    path: '/api/exercises/{slug}/draft',
    access: 'signed-in',
    tags: ['exercises'],
    summary: 'Save my code in progress on this exercise (replaces the last save)',
    description: 'Nothing is graded or counted; the web app saves as the student types. Files are checked as a submission’s are.',
    params: ExerciseSlugParams,
    body: SaveCodeDraftBody,
    responses: { 200: { description: 'Saved.', schema: CodeDraftDocument } },
    errors: ['unknown_exercise', 'wrong_files', 'bad_characters', 'rate_limited'],
    errorNotes: { bad_characters: 'a NUL or other control character; errors say the file, line and column' },
  }),
  discardCodeDraft: defineRoute({
    method: 'delete',
    path: '/api/exercises/{slug}/draft',
    access: 'signed-in',
    tags: ['exercises'],
    summary: 'Forget my code in progress on this exercise (back to the starter files)',
    params: ExerciseSlugParams,
    responses: { 204: { description: 'Forgotten (also when there was none).' } },
  }),
} as const;
