import { z } from 'zod';
import { LANGUAGES, Limits, Slug, Visibility } from '../manifest';
import { TestStatus } from '../sandbox';
import { Verdict } from '../verdicts';
import { SUBMISSION_STATUSES } from './predicates';
import { SubmissionLateness } from './assignments';
import { Role } from './roles';

/**
 * The shapes the API answers with, as zod schemas: the OpenAPI document is generated from
 * them, and the end-to-end tests parse real answers with them, so the document cannot
 * drift from what the presenters produce. Strict objects: an undocumented field fails.
 */

export const Timestamp = z.iso.datetime().meta({ description: 'ISO 8601, UTC', example: '2026-11-21T09:40:24.700Z' });

export const FieldError = z.strictObject({
  path: z.string().meta({ description: 'Where in the request, e.g. `files.query.sql` or `callbackUrl`; for an exercise package, the file (`exercise.yaml`) or `package`.' }),
  message: z.string(),
  line: z.number().int().min(1).optional().meta({ description: 'In the file `path` names, 1-based: where the problem is written (an exercise package’s manifest).' }),
  column: z.number().int().min(1).optional().meta({ description: '1-based, with `line`.' }),
});

export const Problem = z
  .strictObject({
    type: z.string().meta({ example: '/problems/validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({ description: 'Stable, machine-readable; see the README for the list.', example: 'validation_failed' }),
    instance: z.string().optional().meta({ description: 'The request path and query; absent from the answers of Node\'s HTTP parser, which refuses a request before the app sees it.' }),
    errors: z.array(FieldError).optional().meta({ description: 'One entry per field that is wrong.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details: the body of every error.' });

export const UserView = z.strictObject({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  createdAt: Timestamp,
}).meta({ id: 'User' });

export const Me = z.strictObject({
  user: UserView,
  webhookSecret: z.string().meta({ description: 'Keys the HMAC of your webhook deliveries (X-Grader-Signature). Shown to you only.' }),
});

export const SessionOpened = z.strictObject({
  user: UserView,
  csrfToken: z.string().meta({ description: 'Send it as X-CSRF-Token on every cookie-authenticated request that changes something.' }),
});

export const SessionInfo = z.strictObject({ user: UserView, csrfToken: z.string().nullable().meta({ description: 'null when signed in with a token' }) });

export const UserCreated = z.strictObject({
  user: UserView,
  token: z.string().meta({ description: 'The new account’s API token: in this answer and nowhere else.', example: 'gr_tok_…' }),
});

export const Joined = z.strictObject({
  user: UserView,
  token: z.string(),
  course: z.strictObject({ id: z.uuid(), name: z.string() }),
});

export const Course = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  joinCode: z.string().meta({ description: 'What students type at POST /api/join.', example: 'K7QXMP2RTA' }),
  createdAt: Timestamp,
}).meta({ id: 'Course' });

export const ExerciseSummary = z.strictObject({
  slug: Slug,
  title: z.string(),
  kind: z.string().meta({ description: 'What the student writes, e.g. `sql-query` or `rest-endpoint`.' }),
  language: z.enum(LANGUAGES).meta({ description: 'The language the student writes in: `sql`, `javascript`, `typescript`, `python` (`text` for anything else).' }),
  runtime: z.string().meta({ description: 'The sandbox the submission runs in, e.g. `node` or `python`.' }),
  environment: z.array(z.string()).meta({
    description: 'What the submission runs on, as students name it: the SQL dialect, or the runtime and framework.',
    example: ['Node.js 20', 'Express 5'],
  }),
  skills: z.array(z.string()),
  maxScore: z.number(),
  version: z.number().int().meta({ description: 'Grows each time the exercise’s content changes.' }),
}).meta({ id: 'ExerciseSummary' });

export const ExerciseDetail = ExerciseSummary.extend({
  statement: z.string().meta({ description: 'Markdown.' }),
  starterFiles: z.record(z.string(), z.string()).meta({ description: 'The files to submit, with their starting content.' }),
  givenFiles: z.record(z.string(), z.string()).meta({ description: 'Files to read, not to submit (a test-writing exercise’s module under test), with their content; empty for most kinds.' }),
  limits: Limits,
  tests: z.array(z.strictObject({ name: z.string(), points: z.number(), visibility: Visibility })).meta({ description: 'Visible and name-only tests.' }),
  hiddenTests: z.strictObject({ count: z.number().int(), points: z.number() }),
}).meta({ id: 'ExerciseDetail' });

export const SubmissionStatus = z.enum(SUBMISSION_STATUSES).meta({
  description: '`queued` → `running` → `graded`, or `error` when the grader itself failed (not a grade).',
});

export const TestView = z.strictObject({
  name: z.string().meta({ description: '“Hidden test N” for a hidden test (staff see its real name).' }),
  visibility: z.enum(['visible', 'name-only', 'hidden']).meta({
    description: 'What the student sees: everything (visible); the name and a message naming the class of input, never the data (name-only); the outcome only (hidden). Staff see every test whole.',
  }),
  status: TestStatus,
  verdict: Verdict,
  score: z.number(),
  maxScore: z.number(),
  message: z.string(),
  expected: z.string().optional().meta({ description: 'Visible tests only (staff: every test, where the harness rendered it).' }),
  actual: z.string().optional().meta({ description: 'Visible tests only (staff: every test, where the harness rendered it).' }),
});

export const SubmissionDocument = z.strictObject({
  id: z.uuid(),
  exercise: Slug,
  exerciseVersion: z.number().int(),
  files: z.record(z.string(), z.string()).meta({ description: 'The submitted files: path → content (shown to the owner and staff only).' }),
  status: SubmissionStatus,
  score: z.number().nullable().meta({ description: 'null until graded, and for an error.' }),
  maxScore: z.number().nullable(),
  verdict: Verdict.nullable(),
  message: z.string().nullable(),
  tests: z.array(TestView),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  assignment: SubmissionLateness.optional(),
}).meta({ id: 'Submission' });

export const SubmissionAccepted = z.strictObject({
  id: z.uuid(),
  status: SubmissionStatus,
  notices: z
    .array(z.string())
    .optional()
    .meta({ description: 'What the grader changed in the files before storing them (a leading byte-order mark removed); absent when nothing.' }),
});

export const RequeueOutcome = z.strictObject({
  requeued: z.number().int().meta({ description: 'How many submissions were queued again.' }),
  ids: z.array(z.uuid()),
});

export const SubmissionPage = z.strictObject({
  items: z.array(SubmissionDocument),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
});

export const WebhookAttemptView = z.strictObject({
  deliveryId: z.uuid().meta({ description: 'The X-Grader-Delivery header: the same for every attempt of one delivery.' }),
  attempt: z.number().int().min(1),
  event: z.enum(['submission.graded', 'submission.error']),
  url: z.url(),
  at: Timestamp,
  ok: z.boolean().meta({ description: 'The receiver answered 2xx. Anything else (3xx, 4xx, 5xx, no answer within 5 s) is retried.' }),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable().meta({ description: 'Why there was no answer: a network error, the time-out, or a refused address.' }),
  durationMs: z.number().int(),
}).meta({ id: 'WebhookAttempt' });

const Check = z.enum(['ok', 'down']);
export const Health = z.strictObject({
  status: z.enum(['ok', 'degraded', 'stalled', 'unavailable']).meta({
    description:
      '`unavailable` (503): the database or Redis is down. `stalled` (503): a canary grading is overdue, so grading does not work whatever the workers report. `degraded` (200): submissions are taken but no worker can grade now.',
  }),
  checks: z.strictObject({
    database: Check,
    redis: Check,
    grading: Check.meta({ description: '`ok` when at least one worker reported in the last 30 s that its Docker engine answers and it takes jobs.' }),
    canary: z.enum(['ok', 'stalled', 'starting', 'off']).meta({
      description:
        'A grading through the real path on a schedule: `ok` when the last one was graded in time, `stalled` when one is overdue, `starting` before the first has had its time, `off` when GRADER_CANARY_EVERY_S is 0.',
    }),
  }),
  canary: z
    .strictObject({ lastGradedAt: z.iso.datetime().nullable(), ageS: z.number().int().min(0).nullable() })
    .nullable()
    .meta({ description: 'When the last canary grading was recorded, and how many seconds ago; null when the canary is off.' }),
  workers: z
    .strictObject({ reporting: z.number().int(), ready: z.number().int() })
    .nullable()
    .meta({ description: 'Workers that reported recently, and those of them that can grade now; null while Redis is unreachable.' }),
});

export const items = <T extends z.ZodType>(schema: T) => z.strictObject({ items: z.array(schema) });
