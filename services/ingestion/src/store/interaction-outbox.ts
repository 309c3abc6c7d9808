import type { InteractionEvent } from '@rapport/contracts';
import type { Queryable } from '@rapport/kit/pg';
import { writeOutbox } from '@rapport/kit/outbox';
import { INGESTION_SCHEMA } from './ingestion-schema';
import { interactionMessage } from './interaction-message';

/** Appends the `interactions.v1` messages of `events` to the outbox, in the caller's transaction. */
export async function interactionOutboxRows(db: Queryable, topic: string, events: readonly InteractionEvent[]): Promise<void> {
  await writeOutbox(
    db,
    events.map((event) => ({ topic, ...interactionMessage(event) })),
    { schema: INGESTION_SCHEMA },
  );
}
