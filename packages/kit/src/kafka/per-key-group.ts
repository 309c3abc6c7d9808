import type { BatchContext, BatchHandler } from './batch-handler';
import type { ConsumedMessage } from './consumed-message';
import { OutcomeCountMismatch } from './batch-settlement';
import { groupByKey } from './key-groups';
import { retry } from './outcomes';
import type { MessageOutcome } from './outcomes';

/** Handles the messages of one key, in offset order; one outcome per message. */
export type KeyGroupHandler = (key: string | null, messages: readonly ConsumedMessage[], context: BatchContext) => Promise<readonly MessageOutcome[]>;

export class BatchAbandoned extends Error {
  constructor() {
    super('batch abandoned: the runner is stopping or the group is rebalancing');
    this.name = 'BatchAbandoned';
  }
}

/**
 * Adapts a per-key handler to a batch handler: keys are processed one after another, with a
 * heartbeat between them so a long batch keeps the group membership.
 *
 * Once a key asks for a retry (a dependency is down) the remaining keys are not attempted: they
 * would fail the same way, and they stay uncommitted anyway. Likewise once the batch is aborted.
 */
export function perKeyGroup(handle: KeyGroupHandler): BatchHandler {
  return async (messages, context) => {
    const outcomes = new Map<ConsumedMessage, MessageOutcome>();
    let stopWith: MessageOutcome | null = null;
    for (const group of groupByKey(messages)) {
      if (stopWith === null && context.signal.aborted) stopWith = retry(new BatchAbandoned());
      if (stopWith !== null) {
        for (const message of group.messages) outcomes.set(message, stopWith);
        continue;
      }
      const groupOutcomes = await handle(group.key, group.messages, context);
      if (groupOutcomes.length !== group.messages.length) throw new OutcomeCountMismatch(group.messages.length, groupOutcomes.length);
      group.messages.forEach((message, index) => {
        const outcome = groupOutcomes[index] as MessageOutcome;
        outcomes.set(message, outcome);
        if (outcome.kind === 'retry' && stopWith === null) stopWith = outcome;
      });
      await context.heartbeat();
    }
    return messages.map((message) => outcomes.get(message) ?? retry(new BatchAbandoned()));
  };
}
