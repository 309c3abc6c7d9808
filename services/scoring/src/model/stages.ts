import { timeToDecay } from './decay';
import type { ModelConfig, ModelDurations } from './model-config';
import type { Stage } from './model-event';

/** The values the stage rules read, as of one instant. */
export interface StageInputs {
  love: number;
  advocacy: number;
  sentiment: number | null;
  lastActiveAt: number | null;
  firstSeenAt: number | null;
  /** Rule 2 or 3 held at some earlier instant. */
  everEngaged: boolean;
}

/** The rules' conditions at one instant. */
export interface StageFacts {
  lapsed: boolean;
  active: boolean;
  loveOk: boolean;
  advocacyOk: boolean;
  sentimentOk: boolean;
  everEngaged: boolean;
  isNew: boolean;
}

export function factsAt(s: number, inputs: StageInputs, config: ModelConfig, durations: ModelDurations): StageFacts {
  const t = config.thresholds;
  const { lastActiveAt, firstSeenAt } = inputs;
  return {
    // Windows are closed: activity exactly `lapsedDays` ago still counts.
    lapsed: lastActiveAt === null || s - lastActiveAt > durations.lapsedMs,
    active: lastActiveAt !== null && s - lastActiveAt <= durations.activeMs,
    loveOk: inputs.love >= t.stageLove,
    advocacyOk: inputs.advocacy >= t.advocateAdvocacy,
    sentimentOk: inputs.sentiment === null || inputs.sentiment >= t.advocateMinSentiment,
    everEngaged: inputs.everEngaged,
    isNew: firstSeenAt !== null && s - firstSeenAt <= durations.newMs,
  };
}

const holdsRule2 = (f: StageFacts) => f.advocacyOk && f.sentimentOk && f.loveOk && f.active;
const holdsRule3 = (f: StageFacts) => f.loveOk && f.active;

/** Rule 2 (advocate) or rule 3 (engaged) holds: what `at_risk` looks back for. */
export function engagedRuleHolds(facts: StageFacts): boolean {
  return holdsRule2(facts) || holdsRule3(facts);
}

/** The first rule that holds (scoring.md, "Lifecycle stage"). */
export function stageFromFacts(f: StageFacts): Stage {
  if (f.lapsed) return 'lapsed';
  if (holdsRule2(f)) return 'advocate';
  if (holdsRule3(f)) return 'engaged';
  if (f.everEngaged) return 'at_risk';
  if (f.isNew) return 'new';
  return 'casual';
}

export function stageAt(s: number, inputs: StageInputs, config: ModelConfig, durations: ModelDurations): Stage {
  return stageFromFacts(factsAt(s, inputs, config, durations));
}

interface Flip {
  /** The condition holds up to this instant and fails right after it. */
  at: number;
  /** The first millisecond at which the condition may have failed. */
  firstMs: number;
  apply: (facts: StageFacts) => void;
}

// NOTE: a crossing computed with log2 can be off by far less than a millisecond from where the
// evaluation's own comparison flips; one millisecond of margin keeps nextChangeAt never late.
const DECAY_MARGIN_MS = 1;

/**
 * The first millisecond after `t` at which the stage can change with no new event, or null if it
 * never can. With no event, each condition flips at most once and at a known instant: love and
 * advocacy decay below their thresholds, activity leaves the activity and lapse windows, the first
 * sighting leaves the `new` window; sentiment is constant (a decay-weighted mean: every weight
 * shrinks by the same factor). Applying the flips in time order finds the first that changes the
 * stage. `inputs` are the values at `t`.
 */
export function nextStageChangeAt(t: number, inputs: StageInputs, config: ModelConfig, durations: ModelDurations): number | null {
  const now = factsAt(t, inputs, config, durations);
  const current = stageFromFacts(now);
  const flips: Flip[] = [];
  const exact = (at: number, apply: Flip['apply']) => flips.push({ at, firstMs: at + 1, apply });
  const decaying = (value: number, threshold: number, apply: Flip['apply']) => {
    const at = t + timeToDecay(value, threshold, durations.halfLifeMs);
    flips.push({ at, firstMs: Math.floor(at - DECAY_MARGIN_MS) + 1, apply });
  };
  if (now.loveOk) decaying(inputs.love, config.thresholds.stageLove, (f) => (f.loveOk = false));
  if (now.advocacyOk) decaying(inputs.advocacy, config.thresholds.advocateAdvocacy, (f) => (f.advocacyOk = false));
  if (inputs.lastActiveAt !== null) {
    if (now.active) exact(inputs.lastActiveAt + durations.activeMs, (f) => (f.active = false));
    if (!now.lapsed) exact(inputs.lastActiveAt + durations.lapsedMs, (f) => (f.lapsed = true));
  }
  if (now.isNew && inputs.firstSeenAt !== null) exact(inputs.firstSeenAt + durations.newMs, (f) => (f.isNew = false));
  flips.sort((a, b) => a.at - b.at);

  // After t, "held at some earlier instant" includes t itself.
  const future: StageFacts = { ...now, everEngaged: now.everEngaged || engagedRuleHolds(now) };
  for (let i = 0; i < flips.length; i++) {
    const flip = flips[i] as Flip;
    flip.apply(future);
    if (stageFromFacts(future) === current) continue;
    // Flips within a couple of milliseconds may be computed in the wrong order: take the
    // earliest first millisecond among them.
    let first = flip.firstMs;
    for (const other of flips) if (Math.abs(other.at - flip.at) <= 2 * DECAY_MARGIN_MS + 1) first = Math.min(first, other.firstMs);
    return first;
  }
  return null;
}
