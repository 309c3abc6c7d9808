import { canonicalEvents, compactEvent, compareCanonical, preferredDuplicate, toInstant, type CompactEvent } from './compact-event';
import { derivedEntry, type DerivedInteraction } from './derive-interactions';
import { stateAt, type RelationshipState } from './evaluate';
import type { ModelConfig } from './model-config';
import type { ModelEvent } from './model-event';
import { applyEvent, clonePassState, emptyPassState, pruneRun, startRun, type DerivedFacts, type PassState } from './relationship-pass';
import { isWithdrawn, retractionTargets } from './retractions';

/**
 * What scoring keeps per relationship so that each new event costs O(1) amortized in order and
 * O(k) out of order (k = events since the cutoff), with results equal to `evaluateRelationship`
 * over the full set (README.md, "State"). Plain JSON data; the caller owns it and the functions
 * below update it in place.
 */
export interface RelationshipHistory {
  /** The model version the folded sums were computed with. */
  modelVersion: number;
  /** Events before this instant are folded into `base`; null while nothing is folded. */
  cutoff: number | null;
  /** The pass over every folded event (windowed, so its size does not grow with age). */
  base: PassState;
  /** Ids named by folded retractions that no folded event matched: they may still arrive. */
  carriedRetractions: string[];
  /** Events at or after the cutoff: canonical order, unique ids, retractions and withdrawn included. */
  events: CompactEvent[];
  /** `base` advanced over every retained event: the state to read at or after the last event. */
  head: PassState;
}

export type RebuildReason = 'before-cutoff' | 'retracts-unretained' | 'model-changed';

/**
 * - `applied`: the history now holds the event; `path` says how (`append`: O(1) amortized,
 *   `replay`: the retained events were replayed from the base).
 * - `duplicate`: an event with this id is held (and preferred); nothing changed.
 * - `rebuild`: the history cannot apply it exactly (it lands in or touches the folded part):
 *   rebuild it with `historyFromEvents` from the relationship's full event log plus this event.
 */
export type HistoryOutcome =
  | { kind: 'applied'; path: 'append' | 'replay'; facts: DerivedFacts }
  | { kind: 'duplicate' }
  | { kind: 'rebuild'; reason: RebuildReason };

interface HistoryIndex {
  ids: Map<string, CompactEvent>;
  targets: Set<string>;
}

// Lookups follow the `events` array they index (folding replaces the array; a deserialized history
// gets new ones).
const indexes = new WeakMap<CompactEvent[], HistoryIndex>();

function indexOf(history: RelationshipHistory): HistoryIndex {
  let index = indexes.get(history.events);
  if (index === undefined) {
    index = {
      ids: new Map(history.events.map((e) => [e.id, e])),
      targets: retractionTargets(history.events, history.carriedRetractions),
    };
    indexes.set(history.events, index);
  }
  return index;
}

export function emptyHistory(config: ModelConfig): RelationshipHistory {
  return { modelVersion: config.version, cutoff: null, base: emptyPassState(), carriedRetractions: [], events: [], head: emptyPassState() };
}

/** A history from a relationship's full event log (any order, duplicates allowed), folded before `cutoff`. */
export function historyFromEvents(events: Iterable<CompactEvent>, config: ModelConfig, cutoff: number | null = null): RelationshipHistory {
  const history = emptyHistory(config);
  history.events = canonicalEvents(events);
  replayHead(history, config);
  if (cutoff !== null) foldHistory(history, cutoff, config);
  return history;
}

/** Recomputes `head` from `base` and every retained event; returns what was derived for them. */
function replayHead(history: RelationshipHistory, config: ModelConfig): Map<string, DerivedFacts> {
  const sink = new Map<string, DerivedFacts>();
  const run = startRun(clonePassState(history.base), config, indexOf(history).targets, sink);
  for (const event of history.events) applyEvent(run, event);
  pruneRun(run);
  history.head = run.state;
  return sink;
}

/** Binary search for the canonical position of `event` among the retained events. */
function insertionPoint(events: readonly CompactEvent[], event: CompactEvent): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareCanonical(events[mid] as CompactEvent, event) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insert(history: RelationshipHistory, event: CompactEvent): void {
  const index = indexOf(history);
  history.events.splice(insertionPoint(history.events, event), 0, event);
  index.ids.set(event.id, event);
  if (event.type === 'retraction' && event.parentId !== undefined) index.targets.add(event.parentId);
}

function remove(history: RelationshipHistory, event: CompactEvent): void {
  history.events.splice(history.events.indexOf(event), 1);
  indexes.delete(history.events); // rebuilt on next use: ids and retraction targets both change
}

/** Applies one compact event to the history, in place. */
export function applyToHistory(history: RelationshipHistory, event: CompactEvent, config: ModelConfig): HistoryOutcome {
  if (history.modelVersion !== config.version) return { kind: 'rebuild', reason: 'model-changed' };
  if (history.cutoff !== null && event.at < history.cutoff) return { kind: 'rebuild', reason: 'before-cutoff' };
  const index = indexOf(history);

  const held = index.ids.get(event.id);
  if (held !== undefined) {
    if (preferredDuplicate(held, event) === held) return { kind: 'duplicate' };
    // A differing copy that is or replaces a retraction may withdraw or restore a folded event.
    if (history.cutoff !== null && (held.type === 'retraction' || event.type === 'retraction')) {
      return { kind: 'rebuild', reason: 'retracts-unretained' };
    }
    remove(history, held);
    insert(history, event);
    return { kind: 'applied', path: 'replay', facts: replayHead(history, config).get(event.id) ?? {} };
  }

  if (event.type === 'retraction' && event.parentId !== undefined) {
    const target = index.ids.get(event.parentId);
    // The target may have been folded: only the full log can withdraw it.
    if (target === undefined && history.cutoff !== null) return { kind: 'rebuild', reason: 'retracts-unretained' };
    if (target !== undefined && target.type !== 'retraction' && !index.targets.has(target.id)) {
      insert(history, event);
      return { kind: 'applied', path: 'replay', facts: replayHead(history, config).get(event.id) ?? {} };
    }
  }

  const last = history.events[history.events.length - 1];
  const inOrder = last === undefined || compareCanonical(last, event) < 0;
  const withdrawn = isWithdrawn(event, index.targets);
  insert(history, event);
  // A withdrawn event changes no pass, wherever it lands.
  if (withdrawn) return { kind: 'applied', path: 'append', facts: { withdrawn: true } };
  if (!inOrder) {
    return { kind: 'applied', path: 'replay', facts: replayHead(history, config).get(event.id) ?? {} };
  }
  // The fast path: the event comes after every event applied, so the pass simply goes on.
  const sink = new Map<string, DerivedFacts>();
  const run = startRun(history.head, config, index.targets, sink);
  applyEvent(run, event);
  pruneRun(run);
  return { kind: 'applied', path: 'append', facts: sink.get(event.id) ?? {} };
}

export type InteractionOutcome =
  | { kind: 'applied'; path: 'append' | 'replay'; entry: DerivedInteraction }
  | { kind: 'duplicate' }
  | { kind: 'rebuild'; reason: RebuildReason };

/**
 * Applies a contract event and returns its derived entry for `cause.interactions`, as the
 * relationship stands once it is applied. NOTE: an entry is a record "as the system saw it": a
 * later event can change what a past event derives (an older inbound arriving late becomes the
 * one a brand reply answered); `deriveInteractions` over the set gives the current view.
 */
export function applyInteraction(history: RelationshipHistory, event: ModelEvent, config: ModelConfig): InteractionOutcome {
  const compact = compactEvent(event);
  const outcome = applyToHistory(history, compact, config);
  if (outcome.kind !== 'applied') return outcome;
  return { kind: 'applied', path: outcome.path, entry: derivedEntry(event, compact, outcome.facts, config) };
}

/**
 * Folds every event before `cutoff` into the base: they stop being retained and only their
 * windowed aggregate remains. Later events before the cutoff, and retractions of events no longer
 * retained, then need a rebuild from the log. A cutoff at or before the current one changes nothing.
 */
export function foldHistory(history: RelationshipHistory, cutoff: number, config: ModelConfig): void {
  if (history.cutoff !== null && cutoff <= history.cutoff) return;
  const split = insertionPoint(history.events, { id: '', at: cutoff } as CompactEvent);
  // NOTE: a cutoff that would fold nothing stays where it was: moving it would only send later
  // late events down the rebuild path for no gain.
  if (split === 0) return;
  const index = indexOf(history);
  const folded = history.events.splice(0, split);
  const run = startRun(history.base, config, index.targets);
  for (const event of folded) applyEvent(run, event);
  pruneRun(run);
  for (const event of folded) index.ids.delete(event.id);
  if (history.carriedRetractions.length > 0 || folded.some((e) => e.type === 'retraction')) {
    const foldedIds = new Set(folded.map((e) => e.id));
    const named = retractionTargets(folded, history.carriedRetractions);
    history.carriedRetractions = [...named].filter((id) => !foldedIds.has(id)).sort();
    index.targets = retractionTargets(history.events, history.carriedRetractions);
  }
  history.cutoff = cutoff;
}

/**
 * The model at `t`: read from the head when `t` is at or after the last retained event (the usual
 * case, O(windowed state)), else replayed from the base. Throws for `t` before the last folded
 * event: the history no longer holds those instants.
 */
export function evaluateHistory(history: RelationshipHistory, t: Date | number, config: ModelConfig): RelationshipState {
  if (history.modelVersion !== config.version) throw new RangeError('history was built with another model version');
  const instant = toInstant(t);
  if (history.head.at === null || instant >= history.head.at) return stateAt(history.head, instant, config, null);
  if (history.base.at !== null && instant < history.base.at) throw new RangeError('instant precedes the folded history');
  const { targets } = indexOf(history);
  const run = startRun(clonePassState(history.base), config, targets);
  let nextEventAt: number | null = null;
  for (const event of history.events) {
    if (event.at <= instant) applyEvent(run, event);
    else if (!isWithdrawn(event, targets)) {
      nextEventAt = event.at;
      break;
    }
  }
  return stateAt(run.state, instant, config, nextEventAt);
}
