import type { Logger } from '@rapport/kit/log';
import { isTransientPgError } from '@rapport/kit/pg';
import type { OutboxBound } from '../limits/outbox-bound';
import { GroupCommitClosedError, type GroupCommitter } from './group-commit';
import type { Submission, SubmissionResult } from './submission';

export interface DurableIntakeOptions {
  committer: GroupCommitter<Submission, SubmissionResult>;
  outboxBound: OutboxBound;
  logger: Logger;
  /** Called with each committed result (metrics). */
  onCommitted?: (result: SubmissionResult) => void;
}

/** Why nothing was stored. Every refusal means the same to a sender: retry later. */
export type NotStoredReason = 'backlog-full' | 'storage-unavailable' | 'shutting-down';

export type CommitOutcome = { ok: true; result: SubmissionResult } | { ok: false; reason: NotStoredReason };

/**
 * The last step of every intake route: refuse when the outbox is past its bound, otherwise hand
 * the submission to the group committer and wait for its COMMIT. Never throws: a failure to store
 * is an outcome (the transaction rolled back, nothing was stored), which the routes answer with
 * 503 + Retry-After — never a 2xx, never a 500.
 */
export class DurableIntake {
  constructor(private readonly options: DurableIntakeOptions) {}

  async commit(submission: Submission): Promise<CommitOutcome> {
    if (!this.options.outboxBound.admits()) {
      this.options.logger.warn({ backlog: this.options.outboxBound.lastBacklog }, 'outbox bound reached: refusing events');
      return { ok: false, reason: 'backlog-full' };
    }
    let result: SubmissionResult;
    try {
      result = await this.options.committer.submit(submission);
    } catch (error) {
      if (error instanceof GroupCommitClosedError) return { ok: false, reason: 'shutting-down' };
      const transient = isTransientPgError(error);
      // A transient error is an outage (the readiness probe says so too); anything else is a bug
      // worth an error line.
      this.options.logger[transient ? 'warn' : 'error']({ err: error, sourceId: submission.sourceId }, 'events could not be stored');
      return { ok: false, reason: 'storage-unavailable' };
    }
    this.options.onCommitted?.(result);
    return { ok: true, result };
  }
}
