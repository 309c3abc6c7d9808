import type { MessageOutcome } from './outcomes';

export interface Settlement<M> {
  /** Processed messages before the retry frontier. */
  ok: M[];
  /** Bad messages before the retry frontier, to copy to the dead-letter topic before committing. */
  deadLetters: { message: M; reason: string }[];
  /** The first message to retry and why; it and everything after it stay uncommitted. */
  retryFrom: { message: M; error: unknown } | null;
  /** The last message before the frontier (ok or dead-lettered): the commit goes just past it. */
  lastSettled: M | null;
}

export class OutcomeCountMismatch extends Error {
  constructor(messages: number, outcomes: number) {
    super(`handler returned ${outcomes} outcomes for ${messages} messages`);
    this.name = 'OutcomeCountMismatch';
  }
}

/**
 * Turns a handler's outcomes into what may be committed. Offsets are a single position per
 * partition, so the commit can only move up to the first message that was not settled: a later
 * `ok` after a `retry` is redelivered (handlers are idempotent; at-least-once), never skipped.
 * `messages` are in offset order, as Kafka delivers a partition; `outcomes[i]` is for `messages[i]`.
 */
export function settleBatch<M>(messages: readonly M[], outcomes: readonly MessageOutcome[]): Settlement<M> {
  if (messages.length !== outcomes.length) throw new OutcomeCountMismatch(messages.length, outcomes.length);
  const settlement: Settlement<M> = { ok: [], deadLetters: [], retryFrom: null, lastSettled: null };
  for (const [index, message] of messages.entries()) {
    const outcome = outcomes[index] as MessageOutcome;
    switch (outcome.kind) {
      case 'ok':
        settlement.ok.push(message);
        break;
      case 'dlq':
        settlement.deadLetters.push({ message, reason: outcome.reason });
        break;
      case 'retry':
        settlement.retryFrom = { message, error: outcome.error };
        return settlement;
    }
    settlement.lastSettled = message;
  }
  return settlement;
}

/**
 * The same settlement with the frontier moved back to `messages[index]` (e.g. its dead letter
 * could not be published): it and everything after it become a retry.
 */
export function retryFromIndex<M>(messages: readonly M[], settlement: Settlement<M>, index: number, error: unknown): Settlement<M> {
  const message = messages[index];
  if (message === undefined) throw new RangeError(`no message at index ${index}`);
  const before = new Set(messages.slice(0, index));
  return {
    ok: settlement.ok.filter((m) => before.has(m)),
    deadLetters: settlement.deadLetters.filter((d) => before.has(d.message)),
    retryFrom: { message, error },
    lastSettled: index > 0 ? (messages[index - 1] as M) : null,
  };
}
