import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG, ModelConfigSchema, durationsOf, halfLifeSeconds, parseModelConfig } from './model-config';

describe('model config', () => {
  it('defaults to v1, the numbers of spec/scoring.md', () => {
    expect(DEFAULT_MODEL_CONFIG).toEqual({
      version: 1,
      halfLifeDays: 30,
      weights: { reaction: 1, follow: 2, join: 2, comment: 4, reply: 4, message: 4, mention: 6, share: 6, review: 6, referral: 10, conversion: 10 },
      advocacyWeights: { mention: 6, share: 6, review: 6, referral: 10 },
      reviewRating: { highMinRating: 4, highMultiplier: 1.5, lowMaxRating: 2, lowMultiplier: 0.5 },
      thresholds: {
        level1Love: 40,
        level2Love: 15,
        level3Love: 3,
        levelWindowDays: 7,
        advocateAdvocacy: 12,
        advocateMinSentiment: 0,
        stageLove: 8,
        activeDays: 21,
        lapsedDays: 60,
        newDays: 30,
        answerWindowHours: 72,
        reciprocityWindowDays: 90,
        scoreConstant: 60,
      },
    });
    expect(Object.isFrozen(DEFAULT_MODEL_CONFIG.thresholds)).toBe(true);
  });

  it('keeps defaults for what an override leaves out', () => {
    const outcome = parseModelConfig({ version: 3, halfLifeDays: 14, weights: { reaction: 0.5 }, thresholds: { stageLove: 10 } });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.config.version).toBe(3);
    expect(outcome.config.weights.reaction).toBe(0.5);
    expect(outcome.config.weights.comment).toBe(4);
    expect(outcome.config.thresholds.stageLove).toBe(10);
    expect(outcome.config.thresholds.lapsedDays).toBe(60);
  });

  it.each([
    [1, true],
    [3650, true],
    [0.99, false],
    [3650.01, false],
    [0, false],
  ])('accepts a half-life of %s days: %s', (halfLifeDays, ok) => {
    expect(parseModelConfig({ halfLifeDays }).ok).toBe(ok);
  });

  it('lists every problem with its path', () => {
    const outcome = parseModelConfig({
      halfLifeDays: 0,
      weights: { reaction: -1, typo: 1 },
      thresholds: { level1Love: 10, level2Love: 15, activeDays: 70 },
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const paths = outcome.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['halfLifeDays', 'weights.reaction', 'weights', 'thresholds.level2Love', 'thresholds.activeDays']));
  });

  it('refuses unknown keys, review ratings that overlap and an answer window beyond the reciprocity one', () => {
    expect(parseModelConfig({ halfLife: 30 }).ok).toBe(false);
    expect(parseModelConfig({ reviewRating: { lowMaxRating: 4 } }).ok).toBe(false);
    expect(parseModelConfig({ thresholds: { answerWindowHours: 24 * 91 } }).ok).toBe(false);
    expect(parseModelConfig({ thresholds: { answerWindowHours: 24 * 90 } }).ok).toBe(true);
  });

  it('turns days into whole milliseconds', () => {
    const config = ModelConfigSchema.parse({ halfLifeDays: 1.5, thresholds: { answerWindowHours: 0.0000001 } });
    const d = durationsOf(config);
    expect(d.halfLifeMs).toBe(1.5 * 86_400_000);
    // The half-life is the published whole seconds.
    const odd = ModelConfigSchema.parse({ halfLifeDays: 1.0000001 });
    expect(halfLifeSeconds(odd)).toBe(86_400);
    expect(durationsOf(odd).halfLifeMs).toBe(86_400_000);
    expect(d.answerWindowMs).toBe(0);
    expect(durationsOf(DEFAULT_MODEL_CONFIG)).toEqual({
      halfLifeMs: 30 * 86_400_000,
      levelWindowMs: 7 * 86_400_000,
      activeMs: 21 * 86_400_000,
      lapsedMs: 60 * 86_400_000,
      newMs: 30 * 86_400_000,
      answerWindowMs: 72 * 3_600_000,
      reciprocityWindowMs: 90 * 86_400_000,
    });
    expect(halfLifeSeconds(DEFAULT_MODEL_CONFIG)).toBe(2_592_000);
  });
});
