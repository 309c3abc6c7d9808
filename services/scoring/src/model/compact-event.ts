import type { Direction, InteractionType, ModelEvent } from './model-event';
import { eventSentiment } from './sentiment';

/**
 * An event as the model keeps it: what every rule reads and nothing else, with its sentiment
 * computed once (AFINN over a 10,000-character text is the costliest step of scoring). Plain
 * JSON data, independent of the model version, so a relationship's history can be stored this
 * way and rescored under any model.
 */
export interface CompactEvent {
  id: string;
  /** occurredAt, epoch milliseconds. */
  at: number;
  type: InteractionType;
  direction: Direction;
  /** `${platform}:${platformId}` — platform names hold no ':', so keys never collide. */
  identity: string;
  followers?: number;
  isTeam?: true;
  parentId?: string;
  rating?: number;
  /** The sentiment this event contributes (see `eventSentiment`), or null. */
  sentiment: number | null;
}

/** Milliseconds since the epoch of an RFC 3339 timestamp (sub-millisecond digits are dropped). */
export function parseInstant(timestamp: string): number {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new RangeError(`not an RFC 3339 timestamp: ${JSON.stringify(timestamp)}`);
  return ms;
}

/**
 * An evaluation instant in whole milliseconds. NOTE: time is on the millisecond grid of event
 * times: windows end exactly, and `nextChangeAt` can name the first millisecond of a change.
 */
export function toInstant(t: Date | number): number {
  const ms = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('evaluation instant must be a finite time');
  return Math.floor(ms);
}

export function compactEvent(event: ModelEvent): CompactEvent {
  const out: CompactEvent = {
    id: event.id,
    at: parseInstant(event.occurredAt),
    type: event.type,
    direction: event.direction,
    identity: `${event.platform}:${event.member.platformId}`,
    sentiment: eventSentiment({
      type: event.type,
      direction: event.direction,
      text: event.content?.text,
      rating: event.content?.rating,
    }),
  };
  if (event.member.followers !== undefined) out.followers = event.member.followers;
  if (event.member.isTeam === true) out.isTeam = true;
  if (event.content?.parentId !== undefined) out.parentId = event.content.parentId;
  if (event.content?.rating !== undefined) out.rating = event.content.rating;
  return out;
}

/** Canonical order: event time, then id (ids are unique once duplicates are removed). */
export function compareCanonical(a: CompactEvent, b: CompactEvent): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// A fixed field order, so that two copies of one event always print the same.
function fingerprint(e: CompactEvent): string {
  return JSON.stringify([e.at, e.type, e.direction, e.identity, e.followers, e.isTeam, e.parentId, e.rating, e.sentiment]);
}

/**
 * Of two events with one id, the one the model keeps. Duplicates are normally identical; should
 * two differ, the choice must not depend on arrival order: the earlier one, then the smaller
 * fingerprint.
 */
export function preferredDuplicate(a: CompactEvent, b: CompactEvent): CompactEvent {
  if (a.at !== b.at) return a.at < b.at ? a : b;
  return fingerprint(a) <= fingerprint(b) ? a : b;
}

/** Unique ids (duplicates resolved by `preferredDuplicate`), in canonical order. */
export function canonicalEvents(events: Iterable<CompactEvent>): CompactEvent[] {
  const byId = new Map<string, CompactEvent>();
  for (const e of events) {
    const seen = byId.get(e.id);
    byId.set(e.id, seen === undefined ? e : preferredDuplicate(seen, e));
  }
  return [...byId.values()].sort(compareCanonical);
}
