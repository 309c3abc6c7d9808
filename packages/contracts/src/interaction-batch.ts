import * as z from 'zod';
import { InteractionEventInput } from './interaction';

export const MAX_BATCH_EVENTS = 1_000;

/** `{"events": [...]}` with 1 to 1,000 events. */
export const InteractionBatchInput = z
  .object({ events: z.array(InteractionEventInput).min(1).max(MAX_BATCH_EVENTS) })
  .meta({ id: 'InteractionBatchInput', title: 'InteractionBatchInput' });
export type InteractionBatchInput = z.infer<typeof InteractionBatchInput>;

/** The body of `POST /v1/sources/{sourceId}/events`: one event or a batch (for documentation). */
export const InteractionIngestBody = z.union([InteractionBatchInput, InteractionEventInput]);
export type InteractionIngestBody = z.infer<typeof InteractionIngestBody>;

export type IngestBodyResult =
  | { ok: true; batch: boolean; events: InteractionEventInput[] }
  | { ok: false; error: z.ZodError };

// NOTE: a union would report "no option matched" for a bad body; choosing the form first (a body
// with an `events` key is a batch) keeps each issue's exact path (`events[3].occurredAt`).
/** Validates a parsed JSON body, single or batch, and returns its events. */
export function parseIngestBody(body: unknown): IngestBodyResult {
  const isBatch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'events' in body;
  if (isBatch) {
    const r = InteractionBatchInput.safeParse(body);
    return r.success ? { ok: true, batch: true, events: r.data.events } : { ok: false, error: r.error };
  }
  const r = InteractionEventInput.safeParse(body);
  return r.success ? { ok: true, batch: false, events: [r.data] } : { ok: false, error: r.error };
}
