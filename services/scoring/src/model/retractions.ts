import type { CompactEvent } from './compact-event';

/**
 * The ids that retractions name (`content.parentId`). An event is withdrawn when a retraction in
 * the relationship's set names it, whichever arrived or happened first: the model then behaves as
 * if it had never happened (for every instant, not only after the retraction).
 */
export function retractionTargets(events: Iterable<CompactEvent>, carried: Iterable<string> = []): Set<string> {
  const targets = new Set<string>(carried);
  for (const e of events) if (e.type === 'retraction' && e.parentId !== undefined) targets.add(e.parentId);
  return targets;
}

/**
 * Whether `event` is withdrawn. NOTE: a retraction itself is never withdrawn — a retraction of a
 * retraction is inert. Allowing it would make withdrawal recursive (R2 restores what R1
 * withdrew, R1 and R2 may name each other) and no platform undoes an unlike by retracting the
 * unlike: it sends a new like.
 */
export function isWithdrawn(event: CompactEvent, targets: ReadonlySet<string>): boolean {
  return event.type !== 'retraction' && targets.has(event.id);
}
