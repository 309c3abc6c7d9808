import { problem, problemType, type HttpProblem } from '@rapport/kit/http';
import type { Logger } from '@rapport/kit/log';
import { isTransientPgError } from '@rapport/kit/pg';
import type { OutboxBound } from '../limits/outbox-bound';
import { GroupCommitClosedError, type GroupCommitter } from './group-commit';
import type { Submission, SubmissionResult } from './submission';

export interface DurableIntakeOptions {
  committer: GroupCommitter<Submission, SubmissionResult>;
  outboxBound: OutboxBound;
  logger: Logger;
  /** `Retry-After` when storage is unavailable or the outbox is full. */
  retryAfterSeconds: number;
  /** Called with each committed result (metrics). */
  onCommitted?: (result: SubmissionResult) => void;
}

/**
 * The last step of every intake route: refuse when the outbox is past its bound, otherwise hand
 * the submission to the group committer and wait for its COMMIT. Any failure to store is a 503
 * with `Retry-After` (nothing was stored: the transaction rolled back), never a 2xx and never a 500
 * — the sender keeps the events and retries.
 */
export class DurableIntake {
  constructor(private readonly options: DurableIntakeOptions) {}

  async commit(submission: Submission): Promise<SubmissionResult> {
    if (!this.options.outboxBound.admits()) {
      this.options.logger.warn({ backlog: this.options.outboxBound.lastBacklog }, 'outbox bound reached: refusing events');
      throw this.unavailable('The event backlog is full while the broker catches up; retry later.', 'backlog-full');
    }
    let result: SubmissionResult;
    try {
      result = await this.options.committer.submit(submission);
    } catch (error) {
      if (error instanceof GroupCommitClosedError) {
        throw this.unavailable('The service is shutting down; retry later.', 'storage-unavailable');
      }
      const transient = isTransientPgError(error);
      // A transient error is an outage (the readiness probe says so too); anything else is a bug
      // worth an error line. Either way nothing was stored, so the sender must retry.
      this.options.logger[transient ? 'warn' : 'error']({ err: error, sourceId: submission.sourceId }, 'events could not be stored');
      throw this.unavailable('Events cannot be stored right now; retry later.', 'storage-unavailable');
    }
    this.options.onCommitted?.(result);
    return result;
  }

  private unavailable(detail: string, slug: string): HttpProblem {
    return problem(503, 'Service unavailable', detail, {
      type: problemType(slug),
      headers: { 'retry-after': this.options.retryAfterSeconds },
    });
  }
}
