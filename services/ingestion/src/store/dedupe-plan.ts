import type { InteractionEvent } from '@rapport/contracts';
import type { Submission, SubmissionResult } from './submission';

/**
 * The pure half of a flush. A flush carries many submissions; repeats among them are settled here
 * in flush order (the first occurrence wins), so that no two rows of one statement claim the same
 * delivery or event key and only the database decides about keys committed before. That is what
 * makes one request's duplicate unable to fail or swallow another request's events.
 *
 * Order ids are the exception: two conversions of one order may carry different event ids, so
 * both go to the database, which keeps the first (by `seq`) and skips the other.
 */

export interface EventRef {
  /** Index of the submission in the flush. */
  submission: number;
  /** Position of the event in its submission. */
  position: number;
  /** Flush order: the first of two conversions of one order wins. */
  seq: number;
  event: InteractionEvent;
}

export interface FlushPlan {
  /** The first submission of each (source, delivery id): the deliveries to try to insert. */
  deliveries: Submission[];
  /** Within those, the first occurrence of each (source, event id): the events to try to insert. */
  events: EventRef[];
}

const SEP = '\u0000'; // cannot occur in any id (the contracts refuse NUL), so keys never collide
export const eventKeyOf = (sourceId: string, eventId: string) => `${sourceId}${SEP}${eventId}`;
const deliveryKeyOf = (sourceId: string, deliveryId: string) => `${sourceId}${SEP}${deliveryId}`;

export function planFlush(submissions: readonly Submission[]): FlushPlan {
  const deliveries: Submission[] = [];
  const events: EventRef[] = [];
  const seenDeliveries = new Set<string>();
  const seenEvents = new Set<string>();
  let seq = 0;
  submissions.forEach((s, index) => {
    const deliveryKey = deliveryKeyOf(s.sourceId, s.deliveryId);
    // A repeat of a delivery earlier in the flush: all of it is a duplicate.
    if (seenDeliveries.has(deliveryKey)) return;
    seenDeliveries.add(deliveryKey);
    deliveries.push(s);
    s.events.forEach((event, position) => {
      const eventKey = eventKeyOf(event.sourceId, event.id);
      if (seenEvents.has(eventKey)) return;
      seenEvents.add(eventKey);
      events.push({ submission: index, position, seq: seq++, event });
    });
  });
  return { deliveries, events };
}

/**
 * Each submission's result once the database said which events it published: their ids in request
 * order; every other event of the request is a duplicate.
 */
export function flushResults(
  submissions: readonly Submission[],
  plan: FlushPlan,
  published: readonly { sourceId: string; eventId: string }[],
): SubmissionResult[] {
  const publishedKeys = new Set(published.map((p) => eventKeyOf(p.sourceId, p.eventId)));
  const bySubmission = submissions.map(() => [] as EventRef[]);
  for (const ref of plan.events) {
    if (publishedKeys.has(eventKeyOf(ref.event.sourceId, ref.event.id))) bySubmission[ref.submission]!.push(ref);
  }
  return submissions.map((s, index) => {
    const mine = bySubmission[index]!.sort((a, b) => a.position - b.position);
    return { ids: mine.map((r) => r.event.id), duplicates: s.events.length - mine.length };
  });
}
