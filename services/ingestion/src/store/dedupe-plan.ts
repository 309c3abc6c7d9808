import type { InteractionEvent } from '@rapport/contracts';
import type { Submission, SubmissionResult } from './submission';

/**
 * The pure half of a flush. A flush carries many submissions; duplicates among them are settled
 * here, in memory and in submission order (the first occurrence wins), so that every row the SQL
 * inserts is unique within its statement and only the database decides about rows committed
 * before. That is what makes one request's duplicate unable to fail another request's insert.
 *
 * The database steps answer "which of these keys were new"; the plan turns the answers into each
 * submission's result.
 */

export interface DeliveryKey {
  sourceId: string;
  deliveryId: string;
}
export interface EventKey {
  sourceId: string;
  eventId: string;
  deliveryId: string;
  memberPlatformId: string;
}
export interface OrderKey {
  brandId: string;
  orderId: string;
  sourceId: string;
  eventId: string;
}

const SEP = '\u0000'; // cannot occur in any id (the contracts refuse NUL), so keys never collide
const deliveryKeyOf = (sourceId: string, deliveryId: string) => `${sourceId}${SEP}${deliveryId}`;
const eventKeyOf = (sourceId: string, eventId: string) => `${sourceId}${SEP}${eventId}`;
const orderKeyOf = (brandId: string, orderId: string) => `${brandId}${SEP}${orderId}`;

/** Deliveries to try to insert: the first submission of each (source, delivery id) in the flush. */
export function deliveryCandidates(submissions: readonly Submission[]): { keys: DeliveryKey[]; firstIndex: Map<string, number> } {
  const firstIndex = new Map<string, number>();
  submissions.forEach((s, index) => {
    const key = deliveryKeyOf(s.sourceId, s.deliveryId);
    if (!firstIndex.has(key)) firstIndex.set(key, index);
  });
  const keys = [...firstIndex.values()].map((index) => {
    const s = submissions[index]!;
    return { sourceId: s.sourceId, deliveryId: s.deliveryId };
  });
  return { keys: sortBy(keys, (k) => deliveryKeyOf(k.sourceId, k.deliveryId)), firstIndex };
}

/** Indexes of the submissions whose delivery is new: first in the flush and inserted just now. */
export function freshSubmissions(
  submissions: readonly Submission[],
  firstIndex: Map<string, number>,
  insertedDeliveries: readonly DeliveryKey[],
): number[] {
  const inserted = new Set(insertedDeliveries.map((d) => deliveryKeyOf(d.sourceId, d.deliveryId)));
  return submissions
    .map((s, index) => ({ s, index }))
    .filter(({ s, index }) => {
      const key = deliveryKeyOf(s.sourceId, s.deliveryId);
      return firstIndex.get(key) === index && inserted.has(key);
    })
    .map(({ index }) => index);
}

export interface EventRef {
  submission: number;
  position: number;
  event: InteractionEvent;
}

/** Event ids to try to insert: within the fresh submissions, the first occurrence per source. */
export function eventCandidates(submissions: readonly Submission[], fresh: readonly number[]): { keys: EventKey[]; refs: EventRef[] } {
  const seen = new Set<string>();
  const refs: EventRef[] = [];
  for (const index of fresh) {
    const s = submissions[index]!;
    s.events.forEach((event, position) => {
      const key = eventKeyOf(s.sourceId, event.id);
      if (seen.has(key)) return;
      seen.add(key);
      refs.push({ submission: index, position, event });
    });
  }
  const keys = refs.map((r) => ({
    sourceId: r.event.sourceId,
    eventId: r.event.id,
    deliveryId: submissions[r.submission]!.deliveryId,
    memberPlatformId: r.event.member.platformId,
  }));
  return { keys: sortBy(keys, (k) => eventKeyOf(k.sourceId, k.eventId)), refs };
}

/** The events whose id was inserted just now, in flush order. */
export function newEvents(refs: readonly EventRef[], inserted: readonly { sourceId: string; eventId: string }[]): EventRef[] {
  const set = new Set(inserted.map((k) => eventKeyOf(k.sourceId, k.eventId)));
  return refs.filter((r) => set.has(eventKeyOf(r.event.sourceId, r.event.id)));
}

/** Order ids to try to insert: conversions with an `orderId`, first occurrence per brand. */
export function orderCandidates(refs: readonly EventRef[]): OrderKey[] {
  const seen = new Set<string>();
  const keys: OrderKey[] = [];
  for (const { event } of refs) {
    const orderId = event.conversion?.orderId;
    if (event.type !== 'conversion' || orderId === undefined) continue;
    const key = orderKeyOf(event.brandId, orderId);
    if (seen.has(key)) continue;
    seen.add(key);
    keys.push({ brandId: event.brandId, orderId, sourceId: event.sourceId, eventId: event.id });
  }
  return sortBy(keys, (k) => orderKeyOf(k.brandId, k.orderId));
}

/**
 * The events to publish: new ids, minus conversions whose order was not inserted by this very
 * event (a repeated order id, in this flush or before, is a duplicate conversion).
 */
export function publishable(refs: readonly EventRef[], insertedOrders: readonly OrderKey[]): EventRef[] {
  const claimedBy = new Map(insertedOrders.map((o) => [orderKeyOf(o.brandId, o.orderId), eventKeyOf(o.sourceId, o.eventId)]));
  return refs.filter(({ event }) => {
    const orderId = event.conversion?.orderId;
    if (event.type !== 'conversion' || orderId === undefined) return true;
    return claimedBy.get(orderKeyOf(event.brandId, orderId)) === eventKeyOf(event.sourceId, event.id);
  });
}

/** Each submission's result: its published ids in request order; everything else a duplicate. */
export function results(submissions: readonly Submission[], published: readonly EventRef[]): SubmissionResult[] {
  const bySubmission = submissions.map(() => [] as EventRef[]);
  for (const ref of published) bySubmission[ref.submission]!.push(ref);
  return submissions.map((s, index) => {
    const mine = bySubmission[index]!.sort((a, b) => a.position - b.position);
    return { ids: mine.map((r) => r.event.id), duplicates: s.events.length - mine.length };
  });
}

// NOTE: every statement inserts its rows in one global order (sorted keys, tables always in the
// same sequence), so two concurrent flushes waiting on each other's uncommitted keys cannot
// deadlock.
function sortBy<T>(items: T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map(({ item }) => item);
}
