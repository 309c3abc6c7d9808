/**
 * The `relationships.v1` batch handler: one transaction per partition batch; bad records go to the
 * DLQ, a database outage is a retry. A batch that fails for any other reason is replayed one
 * record at a time, so that one record the projection cannot take never blocks its partition.
 */
import { OK, deadLetter, retry, type BatchHandler, type MessageOutcome } from '@rapport/kit/kafka';
import { describePgError, isTransientPgError, transaction } from '@rapport/kit/pg';
import type { Pool } from 'pg';
import type { RelationshipUpdated } from '@rapport/contracts';
import { applyRelationshipBatch } from './apply-relationship-batch';
import { parseRelationshipMessage } from './parse-relationship-message';

export interface RelationshipConsumerDeps {
  pool: Pick<Pool, 'connect'>;
}

export function relationshipBatchHandler(deps: RelationshipConsumerDeps): BatchHandler {
  const apply = (updates: readonly RelationshipUpdated[]) =>
    transaction(deps.pool, (client) => applyRelationshipBatch(client, updates), { retries: 3 });

  return async (messages, context) => {
    const outcomes: MessageOutcome[] = messages.map(() => OK);
    const valid: Array<{ index: number; update: RelationshipUpdated }> = [];
    messages.forEach((message, index) => {
      const parsed = parseRelationshipMessage(message);
      if (parsed.ok) valid.push({ index, update: parsed.update });
      else outcomes[index] = deadLetter(parsed.reason);
    });
    if (valid.length === 0) return outcomes;
    try {
      const summary = await apply(valid.map((v) => v.update));
      context.logger.debug(summary, 'relationship updates projected');
      return outcomes;
    } catch (err) {
      if (isTransientPgError(err) || valid.length === 1) {
        const outcome = isTransientPgError(err) ? retry(err) : deadLetter(`projection failed: ${describePgError(err)}`);
        for (const v of valid) outcomes[v.index] = outcome;
        return outcomes;
      }
      context.logger.warn({ err: describePgError(err), records: valid.length }, 'batch projection failed; isolating records');
    }
    for (const [position, v] of valid.entries()) {
      try {
        await apply([v.update]);
      } catch (err) {
        if (isTransientPgError(err)) {
          for (const rest of valid.slice(position)) outcomes[rest.index] = retry(err);
          return outcomes;
        }
        context.logger.error({ err: describePgError(err), offset: messages[v.index]?.offset }, 'record cannot be projected');
        outcomes[v.index] = deadLetter(`projection failed: ${describePgError(err)}`);
      }
    }
    return outcomes;
  };
}
