import type { ErrorCode } from '@grader/contracts';
import { AppError } from '../http/app-error';
import type { Db } from '../store/database';
import type { Draft, DraftStore } from './draft-store';
import type { ExerciseStore } from '../store/exercise-store';
import type { ValidationStore } from './validation-store';

export interface PublishDeps {
  db: Db;
  exercises: ExerciseStore;
  drafts: DraftStore;
  validations: ValidationStore;
}

const refused = (code: ErrorCode, detail: string, errors?: Array<{ path: string; message: string }>) =>
  new AppError(code, detail, errors ? { errors } : {});

/**
 * Why this draft may not be published yet, or nothing when it may: its latest validation
 * must have passed, and for exactly the content it has now.
 */
export function publishRefusal(deps: Pick<PublishDeps, 'validations'>, draft: Draft): AppError | undefined {
  if (draft.state !== 'draft') return refused('draft_closed', `This draft was ${draft.state}; create a new draft to change the exercise.`);
  const latest = deps.validations.latestOf(draft.id);
  if (!latest) return refused('not_validated', 'This draft has not been validated; POST to its validations first.');
  if (latest.bundleHash !== draft.bundleHash) return refused('validation_outdated', 'The draft changed after its latest validation; validate it again.');
  switch (latest.status) {
    case 'queued':
      return refused('validation_pending', 'The latest validation has not finished; publish once it has passed.');
    case 'error':
      return refused('validation_errored', `The latest validation could not be completed (${latest.error ?? 'no reason'}); validate again.`);
    case 'failed':
      return refused(
        'validation_not_passed',
        'The latest validation failed: the tests do not judge the package’s solutions as their authors say; see errors.',
        (latest.candidates ?? []).filter((c) => !c.ok).map((c) => ({ path: c.candidate, message: c.problem ?? 'did not meet its expectation' })),
      );
    case 'passed':
      return undefined;
  }
}

/** Publishes a validated draft as the exercise's next version, in one transaction. */
export function publishDraft(deps: PublishDeps, draft: Draft): { slug: string; version: number; created: boolean } {
  return deps.db.transaction(() => {
    const refusal = publishRefusal(deps, draft);
    if (refusal) throw refusal;
    const { version, created } = deps.exercises.publish({ manifest: draft.manifest, files: draft.files, bundleHash: draft.bundleHash });
    deps.drafts.markPublished(draft.id, version);
    return { slug: draft.slug, version, created };
  })();
}
