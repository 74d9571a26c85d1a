import { validationCandidates } from '@grader/contracts';
import { type Logger } from '@grader/runtime';
import { AppError, Errors } from '../http/app-error';
import type { ValidateQueue } from '../queue/validate-queue';
import type { Draft } from './draft-store';
import type { Validation, ValidationStore } from './validation-store';

export interface DraftValidationDeps {
  validations: ValidationStore;
  validateQueue: ValidateQueue;
  logger: Logger;
}

/**
 * Queues the validation of a draft's current content on the workers (the API has no Docker).
 * Asking again while one for the same content is still queued returns that one. The row is
 * written before the job and removed if queueing fails: never a validation without a job.
 */
export async function requestValidation(deps: DraftValidationDeps, draft: Draft, requestedBy: string): Promise<{ validation: Validation; reused: boolean }> {
  if (draft.state !== 'draft') throw new AppError('draft_closed', `This draft was ${draft.state}; create a new draft to change the exercise.`);
  const latest = deps.validations.latestOf(draft.id);
  if (latest && latest.status === 'queued' && latest.bundleHash === draft.bundleHash) return { validation: latest, reused: true };

  const validation = deps.validations.insert({ draftId: draft.id, bundleHash: draft.bundleHash, requestedBy });
  try {
    await deps.validateQueue.enqueue({ validationId: validation.id, bundleHash: draft.bundleHash, candidates: validationCandidates(draft.manifest) });
  } catch (err) {
    deps.validations.deleteQueued(validation.id);
    deps.logger.error({ err, validationId: validation.id }, 'could not queue a validation; row removed');
    throw Errors.queueUnavailable();
  }
  return { validation, reused: false };
}
