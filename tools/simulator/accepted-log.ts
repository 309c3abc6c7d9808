import type { DeliveryResult } from './event-delivery';
import { NdjsonWriter } from './ndjson-writer';

// Every event whose request got a 2xx, one line each: what the fault suite reconciles against
// (each of these must be counted exactly once downstream). A 2xx means the event is durable,
// whether this request stored it (`accepted`), an earlier delivery had (`duplicate`), or a rule
// dropped it (`ignored`, with the reason). `acknowledged`: a 2xx whose body could not be read.

export type AcceptedOutcome = 'accepted' | 'duplicate' | 'ignored' | 'acknowledged';

export interface AcceptedLogEntry {
  id: string;
  brandId: string;
  sourceId: string;
  outcome: AcceptedOutcome;
  reason?: string;
  /** When the 2xx arrived. */
  at: string;
}

export function createAcceptedLog(path: string, options: { append?: boolean } = {}): NdjsonWriter<AcceptedLogEntry> {
  return new NdjsonWriter<AcceptedLogEntry>(path, options);
}

/** The log lines of one delivery: one per event of a 2xx request, none otherwise. */
export function acceptedEntries(result: DeliveryResult, at: Date): AcceptedLogEntry[] {
  const { outcome, request, sourceId } = result;
  if (outcome.kind !== 'accepted') return [];
  const stored = new Set(outcome.reply?.ids ?? []);
  const ignored = new Map((outcome.reply?.ignored ?? []).map((i) => [i.id, i.reason]));
  const time = at.toISOString();
  return request.events.map((event) => {
    const base = { id: event.id, brandId: request.brandId, sourceId, at: time };
    if (outcome.reply === undefined) return { ...base, outcome: 'acknowledged' as const };
    const reason = ignored.get(event.id);
    if (reason !== undefined) return { ...base, outcome: 'ignored' as const, reason };
    return { ...base, outcome: stored.has(event.id) ? ('accepted' as const) : ('duplicate' as const) };
  });
}
