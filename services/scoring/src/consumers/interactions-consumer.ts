import { OK, deadLetter, retry, type BatchContext, type BatchHandler, type ConsumedMessage, type MessageOutcome } from '@rapport/kit/kafka';
import { counter, histogram, type Registry } from '@rapport/kit/metrics';
import { describePgError, errorCode, isTransientPgError, transaction } from '@rapport/kit/pg';
import type { Pool } from 'pg';
import { compactEvent } from '../model';
import type { PartitionRef } from '../store/offset-store';
import { applyInteractionBatch, type AcceptedInteraction, type BatchReport, type ScoringSettings } from './interaction-batch';
import { parseInteraction } from './parse-interaction';

export interface InteractionsHandlerOptions {
  pool: Pool;
  /** The consumer group: offsets stored in the database are kept per group. */
  groupId: string;
  settings: ScoringSettings;
  registry?: Registry;
  /** Processing time; a parameter so tests can pin it. */
  clock?: () => number;
  /**
   * Runs right after a batch's transaction committed, before its outcomes reach the runner (so
   * before the Kafka offset commit). For fault injection only: main.ts wires the test-only
   * `FAULT_CRASH_AFTER_DB_COMMIT_PROB` here.
   */
  afterCommit?: (report: BatchReport) => void;
}

// A relationship created by two transactions at once (the loser's INSERT hits the primary key):
// re-running the batch finds it and updates it instead.
const UNIQUE_VIOLATION = '23505';
const CONFLICT_ATTEMPTS = 3;
// Serialization failures and deadlocks cannot happen with the lock order used, but are harmless
// to re-run: the transaction has no effect outside the database.
const TRANSACTION_RETRIES = 2;

/**
 * The `interactions.v1` batch handler: one Postgres transaction per partition batch.
 *
 * Outcomes: a record that is not an `InteractionEvent` → `dlq` (the partition goes on); the
 * database unreachable or overloaded → `retry` (backoff, nothing committed); any other failure of
 * the batch's transaction → the batch is re-run record by record, so that one record that cannot
 * be applied goes to the dead-letter topic with its reason and the others are applied.
 */
export function createInteractionsHandler(options: InteractionsHandlerOptions): BatchHandler {
  const { pool, groupId, settings, clock = Date.now } = options;
  const metrics = options.registry === undefined ? undefined : handlerMetrics(options.registry);

  async function runTransaction(ref: PartitionRef, accepted: readonly AcceptedInteraction[], nextOffset: bigint): Promise<BatchReport> {
    for (let attempt = 1; ; attempt++) {
      try {
        const started = performance.now();
        const report = await transaction(pool, (client) => applyInteractionBatch(client, { ref, accepted, nextOffset }, settings, clock()), {
          retries: TRANSACTION_RETRIES,
        });
        metrics?.observe(report, accepted.length - report.fresh, (performance.now() - started) / 1000);
        options.afterCommit?.(report);
        return report;
      } catch (error) {
        if (errorCode(error) !== UNIQUE_VIOLATION || attempt >= CONFLICT_ATTEMPTS) throw error;
      }
    }
  }

  return async (messages: readonly ConsumedMessage[], context: BatchContext): Promise<readonly MessageOutcome[]> => {
    const outcomes: MessageOutcome[] = [];
    const accepted: AcceptedInteraction[] = [];
    const indexes: number[] = [];
    for (const message of messages) {
      const parsed = parseInteraction(message);
      if (!parsed.ok) {
        outcomes.push(deadLetter(parsed.reason));
        continue;
      }
      try {
        // Sentiment analysis is the costliest step of scoring: done once, outside the transaction.
        accepted.push({ message, event: parsed.event, compact: compactEvent(parsed.event), traceparent: parsed.traceparent });
      } catch (error) {
        outcomes.push(deadLetter(`cannot be scored: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}`));
        continue;
      }
      indexes.push(outcomes.length);
      outcomes.push(OK);
    }
    if (accepted.length === 0) return outcomes;
    if (context.signal.aborted) return abandon(outcomes, indexes, new Error('batch abandoned before its transaction'));

    const ref: PartitionRef = { groupId, topic: context.topic, partition: context.partition };
    const last = messages[messages.length - 1] as ConsumedMessage;
    try {
      await runTransaction(ref, accepted, BigInt(last.offset) + 1n);
      return outcomes;
    } catch (error) {
      if (isTransientPgError(error)) {
        context.logger.warn({ code: describePgError(error), size: messages.length }, 'database unavailable; the batch will be retried');
        return abandon(outcomes, indexes, error);
      }
      if (isSystemic(error)) {
        // Every record would fail the same way: dead-lettering them all would empty the topic
        // into the DLQ. Retried with backoff until an operator fixes the schema or the grants.
        context.logger.error({ code: describePgError(error), size: messages.length }, 'batch failed on the schema or the grants; retrying');
        return abandon(outcomes, indexes, error);
      }
      context.logger.error({ err: error, size: messages.length }, 'batch failed; applying its records one by one to isolate the failure');
    }

    // One transaction per record: the records that can be applied are, the one that cannot is
    // dead-lettered with its reason. Stops at the first transient failure (the rest is retried).
    for (let i = 0; i < accepted.length; i++) {
      const item = accepted[i] as AcceptedInteraction;
      const index = indexes[i] as number;
      if (context.signal.aborted) return abandon(outcomes, indexes.slice(i), new Error('batch abandoned'));
      try {
        await runTransaction(ref, [item], BigInt(item.message.offset) + 1n);
      } catch (error) {
        if (isTransientPgError(error) || isSystemic(error)) return abandon(outcomes, indexes.slice(i), error);
        context.logger.error({ err: error, offset: item.message.offset }, 'record cannot be applied; dead-lettered');
        outcomes[index] = deadLetter(`scoring failed: ${describePgError(error)}`);
      }
      await context.heartbeat();
    }
    return outcomes;
  };
}

// SQLSTATE classes that no record's content can cause (statements are parameterized): a missing
// table or column, a permission, a connection's role or database. Records are not to blame.
const SYSTEMIC_CLASSES = new Set(['0A', '28', '3D', '3F', '42']);

function isSystemic(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && code.length === 5 && SYSTEMIC_CLASSES.has(code.slice(0, 2));
}

/** Marks the given records `retry`: nothing from the first of them on is committed. */
function abandon(outcomes: MessageOutcome[], indexes: readonly number[], error: unknown): MessageOutcome[] {
  for (const index of indexes) outcomes[index] = retry(error);
  return outcomes;
}

function handlerMetrics(registry: Registry) {
  const events = counter(registry, {
    name: 'scoring_events_total',
    help: 'Interactions read by the consumer, by result: applied, duplicate (already recorded or held), replayed (below the stored offset).',
    labelNames: ['result'],
  });
  const relationships = counter(registry, { name: 'scoring_relationship_updates_total', help: 'Relationship updates written (one per changed relationship per batch).' });
  const rebuilds = counter(registry, { name: 'scoring_relationship_rebuilds_total', help: 'Relationships recomputed from their event log (an event before the folded cutoff).' });
  const duration = histogram(registry, { name: 'scoring_batch_transaction_seconds', help: 'Duration of one batch transaction, commit included.' });
  return {
    observe(report: BatchReport, replayed: number, seconds: number) {
      events.inc({ result: 'applied' }, report.applied);
      events.inc({ result: 'replayed' }, replayed);
      events.inc({ result: 'duplicate' }, report.duplicates);
      relationships.inc(report.relationships);
      rebuilds.inc(report.rebuilt);
      duration.observe(seconds);
    },
  };
}
