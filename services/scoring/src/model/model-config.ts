import * as z from 'zod';
import { summarizeIssues, type IssueSummary } from '@rapport/contracts';

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

// Weights are bounded so that a decayed sum of millions of events stays far from overflow.
const weight = (fallback: number) => z.number().min(0).max(1_000_000).default(fallback);
const days = (fallback: number, min: number, max: number) => z.number().min(min).max(max).default(fallback);
const positive = (fallback: number, max: number) => z.number().gt(0).max(max).default(fallback);

/** Weight of each inbound type that carries one; `unfollow`, `leave`, `retraction` always weigh 0. */
const Weights = z.strictObject({
  reaction: weight(1),
  follow: weight(2),
  join: weight(2),
  comment: weight(4),
  reply: weight(4),
  message: weight(4),
  mention: weight(6),
  share: weight(6),
  review: weight(6),
  referral: weight(10),
  conversion: weight(10),
});

/** Advocacy weight of the types that speak for the brand to others. */
const AdvocacyWeights = z.strictObject({
  mention: weight(6),
  share: weight(6),
  /** Only for a review rated at least `reviewRating.highMinRating`. */
  review: weight(6),
  referral: weight(10),
});

/** How a review's rating scales its weight (6 × 1.5 if rating ≥ 4, × 0.5 if rating ≤ 2). */
const ReviewRating = z
  .strictObject({
    highMinRating: z.int().min(1).max(5).default(4),
    highMultiplier: z.number().min(0).max(100).default(1.5),
    lowMaxRating: z.int().min(1).max(5).default(2),
    lowMultiplier: z.number().min(0).max(100).default(0.5),
  })
  .refine((r) => r.lowMaxRating < r.highMinRating, {
    message: 'lowMaxRating must be below highMinRating',
    path: ['lowMaxRating'],
  });

const Thresholds = z
  .strictObject({
    /** Love needed for levels 1, 2 and 3 (anything less is level 4). */
    level1Love: positive(40, 1e9),
    level2Love: positive(15, 1e9),
    level3Love: positive(3, 1e9),
    /** Demotion waits this long: level(t) is the best level of [t − window, t]. 0 = no delay. */
    levelWindowDays: days(7, 0, 365),
    /** `advocate` needs advocacy ≥ this… */
    advocateAdvocacy: positive(12, 1e9),
    /** …and sentiment ≥ this (or no sentiment). */
    advocateMinSentiment: z.number().min(-1).max(1).default(0),
    /** `advocate` and `engaged` need love ≥ this… */
    stageLove: positive(8, 1e9),
    /** …and inbound activity within this many days. */
    activeDays: days(21, 0.001, 3_650),
    /** `lapsed`: no inbound activity within this many days. */
    lapsedDays: days(60, 0.001, 3_650),
    /** `new`: first seen within this many days. */
    newDays: days(30, 0.001, 3_650),
    /** A brand answer without parentId answers the oldest awaiting inbound this recent. */
    answerWindowHours: positive(72, 87_600),
    /** Reciprocity is measured over the inbound events of this many days. */
    reciprocityWindowDays: days(90, 1, 3_650),
    /** score = 100 · (1 − e^(−gravity / scoreConstant)). */
    scoreConstant: positive(60, 1e9),
  })
  .superRefine((t, ctx) => {
    if (!(t.level1Love > t.level2Love && t.level2Love > t.level3Love)) {
      ctx.addIssue({ code: 'custom', path: ['level2Love'], message: 'level thresholds must decrease: level1Love > level2Love > level3Love' });
    }
    // NOTE: engaged/advocate imply "not lapsed" only if the activity window fits in the lapse one.
    if (t.activeDays > t.lapsedDays) {
      ctx.addIssue({ code: 'custom', path: ['activeDays'], message: 'activeDays must not exceed lapsedDays' });
    }
    // The no-parent answer window must fit in the reciprocity window (state pruning relies on it).
    if (t.answerWindowHours > t.reciprocityWindowDays * 24) {
      ctx.addIssue({ code: 'custom', path: ['answerWindowHours'], message: 'answerWindowHours must not exceed reciprocityWindowDays' });
    }
  });

/**
 * A brand's relationship model. Parsing `{}` gives v1 (the defaults of `spec/scoring.md`); an
 * admin `PUT` sends `{version, halfLifeDays, weights, advocacyWeights, thresholds}` (and
 * optionally `reviewRating`), any field left out keeping its default. Unknown keys are refused so
 * that a typo never silently keeps a default.
 */
export const ModelConfigSchema = z.strictObject({
  version: z.int().min(1).default(1),
  halfLifeDays: z.number().min(1).max(3_650).default(30),
  weights: Weights.prefault({}),
  advocacyWeights: AdvocacyWeights.prefault({}),
  reviewRating: ReviewRating.prefault({}),
  thresholds: Thresholds.prefault({}),
});
export type ModelConfig = z.infer<typeof ModelConfigSchema>;
export type ModelConfigInput = z.input<typeof ModelConfigSchema>;
export type LoveWeights = ModelConfig['weights'];
export type AdvocacyWeights = ModelConfig['advocacyWeights'];

/** Model v1, exactly the numbers of `spec/scoring.md`. */
export const DEFAULT_MODEL_CONFIG: ModelConfig = deepFreeze(ModelConfigSchema.parse({}));

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  return Object.freeze(value);
}

export type ModelConfigOutcome = { ok: true; config: ModelConfig } | { ok: false; issues: IssueSummary[] };

/** Validates an admin's model; every problem is listed, none thrown. */
export function parseModelConfig(input: unknown): ModelConfigOutcome {
  const result = ModelConfigSchema.safeParse(input);
  return result.success ? { ok: true, config: result.data } : { ok: false, issues: summarizeIssues(result.error) };
}

/** The durations of a model in whole milliseconds, so that window ends fall on the millisecond grid. */
export interface ModelDurations {
  halfLifeMs: number;
  levelWindowMs: number;
  activeMs: number;
  lapsedMs: number;
  newMs: number;
  answerWindowMs: number;
  reciprocityWindowMs: number;
}

const durationsCache = new WeakMap<ModelConfig, ModelDurations>();

export function durationsOf(config: ModelConfig): ModelDurations {
  let durations = durationsCache.get(config);
  if (durations === undefined) {
    const t = config.thresholds;
    durations = {
      // NOTE: whole seconds, the `halfLifeSeconds` published with every relationship, so that a
      // reader projecting decay from it computes exactly what the model does.
      halfLifeMs: halfLifeSeconds(config) * 1000,
      levelWindowMs: Math.round(t.levelWindowDays * MS_PER_DAY),
      activeMs: Math.round(t.activeDays * MS_PER_DAY),
      lapsedMs: Math.round(t.lapsedDays * MS_PER_DAY),
      newMs: Math.round(t.newDays * MS_PER_DAY),
      answerWindowMs: Math.round(t.answerWindowHours * MS_PER_HOUR),
      reciprocityWindowMs: Math.round(t.reciprocityWindowDays * MS_PER_DAY),
    };
    durationsCache.set(config, durations);
  }
  return durations;
}

/** The `halfLifeSeconds` published with every relationship (an integer in the contract). */
export function halfLifeSeconds(config: ModelConfig): number {
  return Math.round(config.halfLifeDays * 86_400);
}
