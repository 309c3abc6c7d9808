import { describe, expect, it } from 'vitest';
import type { InteractionType } from '@rapport/contracts';
import { DEFAULT_MODEL_CONFIG as v1, ModelConfigSchema } from './model-config';
import { advocacyWeight, loveWeight, reviewMultiplier } from './weights';

const inbound = (type: InteractionType, rating?: number) => ({ type, direction: 'inbound' as const, rating });

describe('weights', () => {
  it.each([
    ['reaction', 1, 0],
    ['follow', 2, 0],
    ['join', 2, 0],
    ['comment', 4, 0],
    ['reply', 4, 0],
    ['message', 4, 0],
    ['mention', 6, 6],
    ['share', 6, 6],
    ['referral', 10, 10],
    ['conversion', 10, 0],
    ['unfollow', 0, 0],
    ['leave', 0, 0],
    ['retraction', 0, 0],
  ] as const)('an inbound %s weighs %s (advocacy %s)', (type, love, advocacy) => {
    expect(loveWeight(inbound(type), v1)).toBe(love);
    expect(advocacyWeight(inbound(type), v1)).toBe(advocacy);
  });

  it.each([
    [1, 3, 0],
    [2, 3, 0],
    [3, 6, 0],
    [4, 9, 6],
    [5, 9, 6],
    [undefined, 6, 0],
  ])('a review rated %s weighs %s (advocacy %s)', (rating, love, advocacy) => {
    expect(loveWeight(inbound('review', rating), v1)).toBe(love);
    expect(advocacyWeight(inbound('review', rating), v1)).toBe(advocacy);
  });

  it('gives outbound events no weight', () => {
    for (const type of ['comment', 'share', 'referral', 'review', 'conversion'] as const) {
      expect(loveWeight({ type, direction: 'outbound', rating: 5 }, v1)).toBe(0);
      expect(advocacyWeight({ type, direction: 'outbound', rating: 5 }, v1)).toBe(0);
    }
  });

  it("follows a brand's model", () => {
    const config = ModelConfigSchema.parse({
      weights: { comment: 5, review: 10 },
      advocacyWeights: { share: 1 },
      reviewRating: { highMinRating: 5, highMultiplier: 2, lowMaxRating: 1, lowMultiplier: 0 },
    });
    expect(loveWeight(inbound('comment'), config)).toBe(5);
    expect(advocacyWeight(inbound('share'), config)).toBe(1);
    expect(reviewMultiplier(5, config)).toBe(2);
    expect(reviewMultiplier(4, config)).toBe(1);
    expect(reviewMultiplier(2, config)).toBe(1);
    expect(reviewMultiplier(1, config)).toBe(0);
    expect(loveWeight(inbound('review', 5), config)).toBe(20);
    expect(advocacyWeight(inbound('review', 4), config)).toBe(0);
  });
});
