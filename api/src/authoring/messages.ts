import type { ResultMessage } from '@grader/contracts';
import type { RegradeStore } from './regrade-store';
import type { ValidationStore } from './validation-store';

/** Messages about instructors' work: a draft's validation, or a submission graded again in a regrade batch. */
export type AuthoringMessage = Extract<ResultMessage, { type: 'validated' }> | (Exclude<ResultMessage, { type: 'validated' }> & { regradeBatch: string });

export function isAuthoringMessage(message: ResultMessage): message is AuthoringMessage {
  return message.type === 'validated' || message.regradeBatch !== undefined;
}

/**
 * Records an authoring message, idempotently. None of them touches a submission's own grade
 * or notifies its student: a regrade's result waits in its batch until an instructor applies it.
 */
export function applyAuthoringMessage(stores: { validations: ValidationStore; regrades: RegradeStore }, message: AuthoringMessage): boolean {
  switch (message.type) {
    case 'validated':
      return stores.validations.record(message.validationId, message.workerId, message.at, message.outcome);
    case 'started':
      return stores.regrades.markRunning(message.regradeBatch, message.submissionId);
    case 'graded':
      return stores.regrades.recordGrade(message.regradeBatch, message.submissionId, message.at, message.result);
    case 'failed':
      return stores.regrades.recordFailure(message.regradeBatch, message.submissionId, message.at, message.reason);
  }
}
