import type { Reciprocity } from '@rapport/contracts';

/**
 * Reciprocity, computed by going through the relationship's events in canonical order (event
 * time, then id) as scoring.md says:
 * - an inbound comment, reply, mention, message or review awaits an answer;
 * - an outbound comment, reply or message whose `parentId` names an awaiting inbound answers it;
 * - one without a parentId answers the oldest awaiting inbound of the previous 72 hours.
 *
 * Two precisions the spec leaves open, both decided so that the result depends on the set only:
 * - An inbound stops awaiting, for matching too, once it is older than the reciprocity window
 *   (90 days) at the answer's instant: it no longer counts anywhere, and this keeps the state
 *   bounded (README.md, "State").
 * - A brand answer may name an inbound that comes *later* in event time (platform clocks skew):
 *   such an answer waits, and answers that inbound if it happens within the answer window (72 h)
 *   after it — with response time 0, since a response time is never negative. When several do,
 *   the first in canonical order answers.
 */
export interface AwaitedInbound {
  id: string;
  at: number;
  /** Instant of the answer, null while awaiting. */
  answeredAt: number | null;
}

/** A brand answer whose `parentId` named no awaiting inbound (yet). */
export interface PendingAnswer {
  id: string;
  at: number;
  parentId: string;
}

export interface ReciprocityState {
  /** Awaiting-type inbound events in canonical order (pruned: see `pruneReciprocity`). */
  inbound: AwaitedInbound[];
  /** `inbound[queueStart]` is where the search for the oldest awaiting inbound starts. */
  queueStart: number;
  pending: PendingAnswer[];
}

export interface ReciprocityWindows {
  answerWindowMs: number;
  reciprocityWindowMs: number;
}

/** Transient lookups over a `ReciprocityState` (not stored; rebuilt from it in O(size)). */
export interface ReciprocityIndex {
  inbound: Map<string, AwaitedInbound>;
  pendingByParent: Map<string, PendingAnswer[]>;
}

/** Who answered whom, and how fast. */
export interface Answer {
  answerId: string;
  inboundId: string;
  responseSeconds: number;
}

export function emptyReciprocity(): ReciprocityState {
  return { inbound: [], queueStart: 0, pending: [] };
}

export function indexReciprocity(state: ReciprocityState): ReciprocityIndex {
  const index: ReciprocityIndex = { inbound: new Map(), pendingByParent: new Map() };
  for (const entry of state.inbound) index.inbound.set(entry.id, entry);
  for (const pending of state.pending) addPending(index, pending);
  return index;
}

function addPending(index: ReciprocityIndex, pending: PendingAnswer): void {
  const list = index.pendingByParent.get(pending.parentId);
  if (list === undefined) index.pendingByParent.set(pending.parentId, [pending]);
  else list.push(pending);
}

function responseSeconds(answerAt: number, inboundAt: number): number {
  return Math.max(0, answerAt - inboundAt) / 1000;
}

/** An inbound that awaits an answer enters; a waiting answer that names it answers it at once. */
export function recordInbound(
  state: ReciprocityState,
  index: ReciprocityIndex,
  id: string,
  at: number,
  windows: ReciprocityWindows,
): Answer | null {
  const entry: AwaitedInbound = { id, at, answeredAt: null };
  state.inbound.push(entry);
  index.inbound.set(id, entry);
  const waiting = index.pendingByParent.get(id);
  if (waiting === undefined) return null;
  const pending = waiting.find((p) => at - p.at <= windows.answerWindowMs);
  if (pending === undefined) return null;
  entry.answeredAt = pending.at;
  removePending(state, index, pending);
  return { answerId: pending.id, inboundId: id, responseSeconds: responseSeconds(pending.at, at) };
}

function removePending(state: ReciprocityState, index: ReciprocityIndex, pending: PendingAnswer): void {
  state.pending.splice(state.pending.indexOf(pending), 1);
  const list = index.pendingByParent.get(pending.parentId);
  if (list === undefined) return;
  list.splice(list.indexOf(pending), 1);
  if (list.length === 0) index.pendingByParent.delete(pending.parentId);
}

/** An outbound comment, reply or message: answers what it names, or the oldest awaiting one. */
export function recordOutbound(
  state: ReciprocityState,
  index: ReciprocityIndex,
  id: string,
  at: number,
  parentId: string | undefined,
  windows: ReciprocityWindows,
): Answer | null {
  if (parentId !== undefined) {
    const named = index.inbound.get(parentId);
    if (named === undefined) {
      // NOTE: unseen, or not an awaiting inbound; in the latter case the id never comes again
      // (ids are unique), so waiting is harmless.
      const pending: PendingAnswer = { id, at, parentId };
      state.pending.push(pending);
      addPending(index, pending);
      return null;
    }
    if (named.answeredAt !== null || at - named.at > windows.reciprocityWindowMs) return null;
    named.answeredAt = at;
    return { answerId: id, inboundId: named.id, responseSeconds: responseSeconds(at, named.at) };
  }
  const queue = state.inbound;
  const oldest = at - windows.answerWindowMs;
  let q = state.queueStart;
  // Entries skipped here are answered or too old for every later answer too (time only grows).
  while (q < queue.length && ((queue[q] as AwaitedInbound).answeredAt !== null || (queue[q] as AwaitedInbound).at < oldest)) q++;
  state.queueStart = q;
  const awaited = queue[q];
  if (awaited === undefined) return null;
  awaited.answeredAt = at;
  state.queueStart = q + 1;
  return { answerId: id, inboundId: awaited.id, responseSeconds: responseSeconds(at, awaited.at) };
}

/**
 * Drops what can matter to no instant ≥ `now` and no event at ≥ `now`: inbound events older than
 * both windows, answers that waited longer than the answer window.
 */
export function pruneReciprocity(state: ReciprocityState, index: ReciprocityIndex, now: number, windows: ReciprocityWindows): void {
  const inboundHorizon = now - Math.max(windows.reciprocityWindowMs, windows.answerWindowMs);
  let drop = 0;
  while (drop < state.inbound.length && (state.inbound[drop] as AwaitedInbound).at < inboundHorizon) drop++;
  if (drop > 0) {
    for (const entry of state.inbound.splice(0, drop)) index.inbound.delete(entry.id);
    state.queueStart = Math.max(0, state.queueStart - drop);
  }
  const pendingHorizon = now - windows.answerWindowMs;
  if (state.pending.length > 0 && (state.pending[0] as PendingAnswer).at < pendingHorizon) {
    for (const pending of state.pending.filter((p) => p.at < pendingHorizon)) removePending(state, index, pending);
  }
}

/** Awaiting, answered, rate and median response over inbound events of the window ending at `t`. */
export function summarizeReciprocity(state: ReciprocityState, t: number, reciprocityWindowMs: number): Reciprocity {
  let awaiting = 0;
  let answered = 0;
  // NOTE: a typed array sorts numerically in native code: several times faster than a comparator.
  const times = new Float64Array(state.inbound.length);
  for (const entry of state.inbound) {
    if (entry.at > t || t - entry.at > reciprocityWindowMs) continue;
    if (entry.answeredAt === null || entry.answeredAt > t) awaiting++;
    else times[answered++] = responseSeconds(entry.answeredAt, entry.at);
  }
  return {
    awaiting,
    answered,
    responseRate: answered + awaiting === 0 ? null : answered / (answered + awaiting),
    medianResponseSeconds: median(times.subarray(0, answered)),
  };
}

function median(values: Float64Array): number | null {
  if (values.length === 0) return null;
  values.sort();
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

export function cloneReciprocity(state: ReciprocityState): ReciprocityState {
  return {
    inbound: state.inbound.map((e) => ({ ...e })),
    queueStart: state.queueStart,
    pending: state.pending.map((p) => ({ ...p })),
  };
}
