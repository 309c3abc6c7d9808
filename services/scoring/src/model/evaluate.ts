import type { Reciprocity } from '@rapport/contracts';
import { canonicalEvents, compactEvent, toInstant, type CompactEvent } from './compact-event';
import type { InboundCountsByType } from './counts';
import { isFollowing } from './flags';
import { lastInstantAtLeast, levelOf, levelThreshold, windowMaxLove } from './levels';
import { DEFAULT_MODEL_CONFIG, durationsOf, type ModelConfig } from './model-config';
import type { ModelEvent, OrbitLevel, Stage } from './model-event';
import { memberFollowers, reachOf } from './reach';
import { summarizeReciprocity } from './reciprocity';
import { applyEvent, emptyPassState, everEngagedAt, inputsAt, startRun, type PassState } from './relationship-pass';
import { isWithdrawn, retractionTargets } from './retractions';
import { nextStageChangeAt, stageAt } from './stages';

/** Every value of the model for one relationship at one instant (times in epoch milliseconds). */
export interface RelationshipState {
  /** The instant evaluated (whole milliseconds). */
  asOf: number;
  love: number;
  reach: number;
  gravity: number;
  advocacy: number;
  sentiment: number | null;
  score: number;
  level: OrbitLevel;
  stage: Stage;
  following: boolean;
  converted: boolean;
  isTeam: boolean;
  reciprocity: Reciprocity;
  counts: InboundCountsByType;
  /** Earliest event of any kind; null when there is none at or before `asOf`. */
  firstSeenAt: number | null;
  /** Latest inbound activity; null when none. */
  lastActiveAt: number | null;
  /**
   * The first millisecond after `asOf` at which stage or level can change with time alone (a
   * known event due later counts as time), or null if they never can. Exact up to one
   * millisecond early where a decay crosses a threshold; never late.
   */
  nextChangeAt: number | null;
}

// NOTE: the same margin as for stage crossings (stages.ts).
const DECAY_MARGIN_MS = 1;

/**
 * The values at `t` of a pass that applied every event at or before `t` (`state.at ≤ t`).
 * `nextEventAt` is the first known event after `t`, if any: values can change then.
 */
export function stateAt(state: PassState, t: number, config: ModelConfig, nextEventAt: number | null): RelationshipState {
  if (state.at !== null && state.at > t) throw new RangeError('a pass can only be read at or after its last event');
  const durations = durationsOf(config);
  const inputs = { ...inputsAt(state, t, durations.halfLifeMs), everEngaged: everEngagedAt({ state, config, durations }) };
  const stage = stageAt(t, inputs, config, durations);
  const maxLove = windowMaxLove(state.peaks, t, durations.levelWindowMs, durations.halfLifeMs);
  const level = levelOf(maxLove, config.thresholds);

  const candidates: number[] = [];
  if (nextEventAt !== null) candidates.push(nextEventAt);
  const stageChange = nextStageChangeAt(t, inputs, config, durations);
  if (stageChange !== null) candidates.push(stageChange);
  const threshold = levelThreshold(level, config.thresholds);
  if (threshold !== null) {
    // Demotion once the window start passes the last instant love held the level's threshold.
    const heldUntil = lastInstantAtLeast(state.peaks, t, durations.levelWindowMs, durations.halfLifeMs, threshold);
    if (Number.isFinite(heldUntil)) candidates.push(Math.floor(heldUntil + durations.levelWindowMs - DECAY_MARGIN_MS) + 1);
  }
  const nextChangeAt = candidates.length === 0 ? null : Math.max(t + 1, Math.min(...candidates));

  const reach = reachOf(memberFollowers(state.identities));
  const gravity = inputs.love * (1 + reach);
  return {
    asOf: t,
    love: inputs.love,
    reach,
    gravity,
    advocacy: inputs.advocacy,
    sentiment: inputs.sentiment,
    score: Math.min(100, Math.max(0, -100 * Math.expm1(-gravity / config.thresholds.scoreConstant))),
    level,
    stage,
    following: isFollowing(state.identities),
    converted: state.conversions > 0,
    isTeam: state.isTeam,
    reciprocity: summarizeReciprocity(state.reciprocity, t, durations.reciprocityWindowMs),
    counts: { ...state.counts },
    firstSeenAt: state.firstSeenAt,
    lastActiveAt: state.lastActiveAt,
    nextChangeAt,
  };
}

/** Evaluates canonical events (unique ids, sorted) at `t`: one pass, O(n) plus the median. */
export function evaluateCanonical(events: readonly CompactEvent[], t: number, config: ModelConfig): RelationshipState {
  const withdrawn = retractionTargets(events);
  const run = startRun(emptyPassState(), config, withdrawn);
  let nextEventAt: number | null = null;
  for (const event of events) {
    if (event.at <= t) applyEvent(run, event);
    else if (!isWithdrawn(event, withdrawn)) {
      nextEventAt = event.at;
      break;
    }
  }
  return stateAt(run.state, t, config, nextEventAt);
}

/** The model for a relationship given as compact events, in any order, duplicates allowed. */
export function evaluateCompactEvents(
  events: Iterable<CompactEvent>,
  t: Date | number,
  config: ModelConfig = DEFAULT_MODEL_CONFIG,
): RelationshipState {
  return evaluateCanonical(canonicalEvents(events), toInstant(t), config);
}

/**
 * The model for a relationship: a function of its set of events and of `t` only (any order,
 * duplicates allowed, retractions applied whatever their position). O(n log n).
 */
export function evaluateRelationship(
  events: Iterable<ModelEvent>,
  t: Date | number,
  config: ModelConfig = DEFAULT_MODEL_CONFIG,
): RelationshipState {
  const compact: CompactEvent[] = [];
  for (const event of events) compact.push(compactEvent(event));
  return evaluateCompactEvents(compact, t, config);
}
