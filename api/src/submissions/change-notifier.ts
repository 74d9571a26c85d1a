import type { SubmissionStore } from '../store/submission-store';
import type { WebhookQueue } from '../webhooks/webhook-queue';
import type { LtiScoreQueue } from '../lti/score-passback';
import type { SubmissionEvents } from './submission-events';

/**
 * What follows a recorded change: event streams hear of it at once, an outcome (graded or
 * error) with a callback URL gets its webhook queued, and a grade of a learner who came by LTI
 * gets its score queued for the platform. The queueing is awaited:
 * when Redis refuses it, the caller's job fails and the result message comes again, and
 * queueing then is harmless because the webhook job's id is submission + outcome.
 */
export class ChangeNotifier {
  constructor(private readonly deps: { store: SubmissionStore; events: SubmissionEvents; webhooks?: WebhookQueue; ltiScores?: Pick<LtiScoreQueue, 'enqueueGraded'> }) {}

  /**
   * @param changed whether the write changed the row (only then do streams hear of it)
   * @param outcome whether the write recorded a grade or a failure, changed or repeated
   */
  async recorded(submissionId: string, { changed, outcome }: { changed: boolean; outcome: boolean }): Promise<void> {
    if (!changed && !outcome) return;
    const submission = this.deps.store.get(submissionId);
    if (!submission) return;
    if (changed) this.deps.events.publish(submission);
    if (!outcome) return;
    await this.deps.webhooks?.enqueueFinal(submission);
    await this.deps.ltiScores?.enqueueGraded(submission);
  }
}
