import type { CompactEvent } from './compact-event';
import { emptyCounts, type InboundCountsByType } from './counts';
import { decayFactor } from './decay';
import { followEffect, observeFollow } from './flags';
import { identityState, type IdentityState } from './identity-state';
import { prunePeaks, recordPeak, type LovePeak } from './levels';
import { durationsOf, type ModelConfig, type ModelDurations } from './model-config';
import { awaitsAnswer, canAnswer, isActivity, type Stage } from './model-event';
import { observeFollowers } from './reach';
import {
  cloneReciprocity,
  emptyReciprocity,
  indexReciprocity,
  pruneReciprocity,
  recordInbound,
  recordOutbound,
  type Answer,
  type ReciprocityIndex,
  type ReciprocityState,
} from './reciprocity';
import { isWithdrawn } from './retractions';
import { engagedRuleHolds, factsAt, stageAt, type StageInputs } from './stages';
import { advocacyWeight, loveWeight } from './weights';

/**
 * The one pass of the model: events are applied in canonical order (event time, then id) to a
 * running state. Decayed sums are kept as their value at the latest event instant; an instant's
 * events form a group, and a group is "closed" when time moves past it.
 *
 * The state is plain JSON data and resumable: the consumer can keep it (or a folded prefix of it,
 * see relationship-history.ts) and continue with later events. It only ever holds what an
 * evaluation at or after `at` can need (lists are pruned to the windows), so its size does not
 * grow with the relationship's age.
 */
export interface PassState {
  /** Instant of the latest applied event (the open group); null before any. */
  at: number | null;
  /** Love and advocacy right after the events of `at`. */
  love: number;
  advocacy: number;
  /** Decay-weighted sentiment sum and weight, as of `sentimentAt` (ratio is time-invariant). */
  sentimentSum: number;
  sentimentWeight: number;
  sentimentAt: number | null;
  firstSeenAt: number | null;
  lastActiveAt: number | null;
  /** Rule 2 or 3 held right after some closed group (see `everEngagedAt`). */
  everEngaged: boolean;
  /** The stage inputs just before the open group: `stageBefore` of a conversion in it. */
  before: StageInputs;
  counts: InboundCountsByType;
  conversions: number;
  isTeam: boolean;
  identities: IdentityState[];
  peaks: LovePeak[];
  reciprocity: ReciprocityState;
}

/** What the pass derived for one event (the rest of an applied entry is intrinsic). */
export interface DerivedFacts {
  withdrawn?: true;
  answers?: string;
  responseSeconds?: number;
  stageBefore?: Stage;
}

export function emptyPassState(): PassState {
  return {
    at: null,
    love: 0,
    advocacy: 0,
    sentimentSum: 0,
    sentimentWeight: 0,
    sentimentAt: null,
    firstSeenAt: null,
    lastActiveAt: null,
    everEngaged: false,
    before: { love: 0, advocacy: 0, sentiment: null, lastActiveAt: null, firstSeenAt: null, everEngaged: false },
    counts: emptyCounts(),
    conversions: 0,
    isTeam: false,
    identities: [],
    peaks: [],
    reciprocity: emptyReciprocity(),
  };
}

/** A deep copy (several times faster than `structuredClone` for this shape). */
export function clonePassState(state: PassState): PassState {
  return {
    ...state,
    before: { ...state.before },
    counts: { ...state.counts },
    identities: state.identities.map((identity) => ({ ...identity })),
    peaks: state.peaks.map((peak) => ({ ...peak })),
    reciprocity: cloneReciprocity(state.reciprocity),
  };
}

/** A pass in progress over one state. */
export interface PassRun {
  state: PassState;
  config: ModelConfig;
  durations: ModelDurations;
  /** Ids named by retractions (of the whole set, not only of the events applied). */
  withdrawn: ReadonlySet<string>;
  index: ReciprocityIndex;
  /** When given, receives the derived facts of every event applied. */
  sink?: Map<string, DerivedFacts> | undefined;
}

// The reciprocity lookups follow their state object; a copied or deserialized state gets new ones.
const indexes = new WeakMap<ReciprocityState, ReciprocityIndex>();

export function startRun(
  state: PassState,
  config: ModelConfig,
  withdrawn: ReadonlySet<string>,
  sink?: Map<string, DerivedFacts>,
): PassRun {
  let index = indexes.get(state.reciprocity);
  if (index === undefined) {
    index = indexReciprocity(state.reciprocity);
    indexes.set(state.reciprocity, index);
  }
  return { state, config, durations: durationsOf(config), withdrawn, index, sink };
}

export function sentimentOf(state: PassState): number | null {
  if (state.sentimentWeight <= 0) return null;
  return Math.max(-1, Math.min(1, state.sentimentSum / state.sentimentWeight));
}

/** Stage inputs at `t` ≥ `state.at`, with no event after `state.at`; `everEngaged` as stored. */
export function inputsAt(state: PassState, t: number, halfLifeMs: number): StageInputs {
  const decay = state.at === null ? 1 : decayFactor(t - state.at, halfLifeMs);
  return {
    love: state.love * decay,
    advocacy: state.advocacy * decay,
    sentiment: sentimentOf(state),
    lastActiveAt: state.lastActiveAt,
    firstSeenAt: state.firstSeenAt,
    everEngaged: state.everEngaged,
  };
}

/** Whether rule 2 or 3 held at some instant up to `state.at` (closed groups and the open one). */
export function everEngagedAt(run: Pick<PassRun, 'state' | 'config' | 'durations'>): boolean {
  const { state } = run;
  if (state.everEngaged || state.at === null) return state.everEngaged;
  return engagedRuleHolds(factsAt(state.at, inputsAt(state, state.at, run.durations.halfLifeMs), run.config, run.durations));
}

/*
 * Why checking rule 2/3 right after each event instant is exact for "held at some earlier
 * instant": between two event instants love and advocacy only decay, activity only ages and
 * sentiment is constant (a decay-weighted mean), so no condition of rule 2 or 3 can become true
 * there; every interval on which a rule holds starts at an event instant, with that instant's
 * events applied. Checking each such instant is a check of every interval, independent of the
 * order events arrived in (the instants and the values after them depend on the set only).
 */
function openGroup(run: PassRun, at: number): void {
  const { state } = run;
  if (state.at !== null) {
    state.everEngaged = everEngagedAt(run);
    const decay = decayFactor(at - state.at, run.durations.halfLifeMs);
    state.love *= decay;
    state.advocacy *= decay;
  }
  state.at = at;
  state.before = {
    love: state.love,
    advocacy: state.advocacy,
    sentiment: sentimentOf(state),
    lastActiveAt: state.lastActiveAt,
    firstSeenAt: state.firstSeenAt,
    everEngaged: state.everEngaged,
  };
}

function addSentiment(state: PassState, at: number, value: number, halfLifeMs: number): void {
  if (state.sentimentAt !== null) {
    const decay = decayFactor(at - state.sentimentAt, halfLifeMs);
    state.sentimentSum *= decay;
    state.sentimentWeight *= decay;
  }
  state.sentimentSum += value;
  state.sentimentWeight += 1;
  state.sentimentAt = at;
}

function recordAnswer(run: PassRun, answer: Answer | null): void {
  if (answer === null || run.sink === undefined) return;
  const facts = run.sink.get(answer.answerId) ?? {};
  facts.answers = answer.inboundId;
  facts.responseSeconds = answer.responseSeconds;
  run.sink.set(answer.answerId, facts);
}

/** Applies one event; events must come in canonical order (never before `state.at`). */
export function applyEvent(run: PassRun, event: CompactEvent): void {
  const { state, config, durations } = run;
  if (isWithdrawn(event, run.withdrawn)) {
    run.sink?.set(event.id, { withdrawn: true });
    return;
  }
  if (state.at !== null && event.at < state.at) throw new RangeError('events must be applied in canonical order');
  if (state.at === null || event.at > state.at) openGroup(run, event.at);

  if (run.sink !== undefined) {
    const facts: DerivedFacts = {};
    if (event.type === 'conversion') {
      // NOTE: with nothing before it, rule 1 would call a first-ever buyer `lapsed`; the member
      // is a newcomer (README: stageBefore).
      facts.stageBefore = state.before.firstSeenAt === null ? 'new' : stageAt(event.at, state.before, config, durations);
    }
    run.sink.set(event.id, facts);
  }
  if (state.firstSeenAt === null) state.firstSeenAt = event.at;
  if (event.isTeam === true) state.isTeam = true;
  if (event.type === 'conversion') state.conversions++;
  const follows = event.direction === 'inbound' ? followEffect(event.type) : null;
  if (event.followers !== undefined || follows !== null) {
    const identity = identityState(state.identities, event.identity);
    if (event.followers !== undefined) observeFollowers(identity, event.at, event.followers);
    if (follows !== null) observeFollow(identity, event.at, event.id, follows);
  }

  if (event.direction === 'inbound') {
    state.counts[event.type]++;
    const weight = loveWeight(event, config);
    if (weight > 0) {
      state.love += weight;
      recordPeak(state.peaks, event.at, state.love);
    }
    state.advocacy += advocacyWeight(event, config);
    if (event.sentiment !== null) addSentiment(state, event.at, event.sentiment, durations.halfLifeMs);
    if (isActivity(event.type)) state.lastActiveAt = event.at;
    if (awaitsAnswer(event.type)) recordAnswer(run, recordInbound(state.reciprocity, run.index, event.id, event.at, durations));
  } else if (canAnswer(event.type)) {
    recordAnswer(run, recordOutbound(state.reciprocity, run.index, event.id, event.at, event.parentId, durations));
  }
}

/** Drops from the state's lists what no evaluation at or after `state.at` can need. */
export function pruneRun(run: PassRun): void {
  const { state } = run;
  if (state.at === null) return;
  prunePeaks(state.peaks, state.at, run.durations.levelWindowMs);
  pruneReciprocity(state.reciprocity, run.index, state.at, run.durations);
}
