import type { InteractionEvent } from '@rapport/contracts';
import {
  applyToHistory,
  emptyHistory,
  evaluateHistory,
  foldHistory,
  historyFromEvents,
  type CompactEvent,
  type DerivedInteraction,
  type ModelConfig,
  type RelationshipHistory,
  type RelationshipState,
} from '../model';
// NOTE: the model's index exports `applyInteraction`, which computes the compact form (and its
// sentiment, the costliest step) again; scoring has it already, computed once before the batch's
// transaction, so it applies the compact event and builds the entry itself.
import { derivedEntry } from '../model/derive-interactions';
import { emptyProfile, observeProfile, type MemberProfile } from './member-profile';
import type { StoredRelationship } from './stored-relationship';

/** An event accepted for a relationship in this batch: the contract event and its compact form. */
export interface IncomingEvent {
  event: InteractionEvent;
  compact: CompactEvent;
}

/** A row of the member's event log: its dedupe key and its compact form. */
export interface LoggedEvent {
  sourceId: string;
  compact: CompactEvent;
}

/** How much recent history a relationship keeps unfolded, so that late events apply cheaply. */
export interface RetentionPolicy {
  /** Events older than the latest one by more than this are folded. */
  retainMs: number;
  /** At most this many events stay unfolded (a very active member's state stays bounded). */
  maxRetained: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { retainMs: 3 * 86_400_000, maxRetained: 200 };

export interface ApplyContext {
  /** Processing time, epoch ms: values are computed as of `max(now, latest event)`. */
  now: number;
  config: ModelConfig;
  retention: RetentionPolicy;
  /**
   * The member's full event log, without this batch's events. Given only after a first attempt
   * answered `needs-log`: the state must then be rebuilt from history.
   */
  log?: readonly LoggedEvent[];
}

export type ApplyResult =
  /** The stored state cannot take these events exactly (they land in its folded part, or the
   * model changed): call again with the member's event log. */
  | { kind: 'needs-log' }
  /** Every event was a duplicate of one the relationship holds: nothing to write or publish. */
  | { kind: 'unchanged' }
  | {
      kind: 'changed';
      history: RelationshipHistory;
      profile: MemberProfile;
      values: RelationshipState;
      /** One entry per event applied, in canonical order: the update's `cause.interactions`. */
      entries: DerivedInteraction[];
      eventCount: number;
    };

/**
 * Applies a batch's new events to one relationship, in memory. The result's values equal the
 * model's evaluation over the relationship's whole set of events (the one law), whichever
 * path is taken: appending to the stored state, replaying its retained events, or — when an event
 * lands before the folded cutoff — rebuilding from the event log.
 *
 * TRICKY: the stored history is updated in place; after `needs-log` it is half-updated and must
 * be thrown away (the second call rebuilds from the log and ignores it).
 */
export function applyEvents(existing: StoredRelationship | null, incoming: readonly IncomingEvent[], context: ApplyContext): ApplyResult {
  const { config } = context;
  const ordered = [...incoming].sort((a, b) => (a.compact.at !== b.compact.at ? a.compact.at - b.compact.at : compareIds(a.compact.id, b.compact.id)));
  let history: RelationshipHistory;
  if (context.log !== undefined) {
    // Unfolded, so that no event of the batch can fall before a cutoff; folded again below.
    history = historyFromEvents(
      context.log.map((row) => row.compact),
      config,
      null,
    );
  } else if (existing === null) {
    history = emptyHistory(config);
  } else {
    history = existing.history;
    if (history.modelVersion !== config.version) return { kind: 'needs-log' };
  }

  const entries: DerivedInteraction[] = [];
  const profile = existing === null ? emptyProfile() : structuredClone(existing.profile);
  for (const { event, compact } of ordered) {
    const outcome = applyToHistory(history, compact, config);
    if (outcome.kind === 'rebuild') {
      if (context.log !== undefined) throw new Error(`a history rebuilt from its log asked for a rebuild (${outcome.reason})`);
      return { kind: 'needs-log' };
    }
    if (outcome.kind === 'duplicate') continue;
    entries.push(derivedEntry(event, compact, outcome.facts, config));
    observeProfile(profile, event, compact.at);
  }
  if (entries.length === 0 && existing !== null) return { kind: 'unchanged' };

  fold(history, context);
  const latest = history.head.at;
  const asOf = latest === null ? context.now : Math.max(context.now, latest);
  return {
    kind: 'changed',
    history,
    profile,
    values: evaluateHistory(history, asOf, config),
    entries,
    eventCount: (existing?.eventCount ?? 0) + entries.length,
  };
}

/** Folds what the retention policy does not keep; the model ignores a cutoff that does not move. */
function fold(history: RelationshipHistory, { retention, config }: ApplyContext): void {
  const latest = history.head.at;
  if (latest === null) return;
  let cutoff = latest - retention.retainMs;
  const overflow = history.events.length - retention.maxRetained;
  if (overflow > 0) cutoff = Math.max(cutoff, (history.events[overflow] as CompactEvent).at);
  // Only when something would be folded: a cutoff that moves for nothing sends later late events
  // down the (costlier) rebuild path for no gain.
  const oldest = history.events[0];
  if (oldest !== undefined && oldest.at < cutoff) foldHistory(history, cutoff, config);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The log without the batch's own events (the log is read in the batch's transaction). */
export function logWithout(log: readonly LoggedEvent[], incoming: readonly IncomingEvent[]): LoggedEvent[] {
  const batch = new Set(incoming.map(({ event }) => `${event.sourceId}\u0000${event.id}`));
  return log.filter((row) => !batch.has(`${row.sourceId}\u0000${row.compact.id}`));
}
