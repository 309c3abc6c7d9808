import type { Logger } from 'pino';
import type { ConsumedMessage } from './consumed-message';
import type { MessageOutcome } from './outcomes';

/** What a handler may use while it works on one partition's batch. */
export interface BatchContext {
  topic: string;
  partition: number;
  /**
   * Aborted when the work should stop early: the runner is stopping, the group is rebalancing,
   * or the partition was seeked. Pass it to long operations; whatever is not done by then is
   * returned as `retry` (or left to a throw) and redelivered, never committed.
   */
  signal: AbortSignal;
  /**
   * Keeps the group membership alive during long work. Never throws: a failed heartbeat (a
   * rebalance) aborts `signal` instead.
   */
  heartbeat(): Promise<void>;
  logger: Logger;
}

/**
 * Set-based processing of one partition's batch (e.g. one Postgres transaction per batch):
 * returns one outcome per message, `outcomes[i]` for `messages[i]`. Throwing is treated as
 * `retry` for the whole batch and logged as an unexpected error.
 */
export type BatchHandler = (messages: readonly ConsumedMessage[], context: BatchContext) => Promise<readonly MessageOutcome[]>;
