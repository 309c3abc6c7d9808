import { describe, expect, it } from 'vitest';
import { allMemberLines, NEGATIVE_WORDS, pickTone, POSITIVE_WORDS, ratingFor } from './member-texts';
import { SeededRandom } from './seeded-random';

const words = (line: string) => new Set(line.toLowerCase().match(/[a-z]+/g) ?? []);
const has = (line: string, list: readonly string[]) => list.some((w) => words(line).has(w));

describe('member texts', () => {
  it('carry a scored word of their tone and none of the other', () => {
    for (const { tone, line } of allMemberLines()) {
      if (tone === 'positive') expect([line, has(line, POSITIVE_WORDS), has(line, NEGATIVE_WORDS)]).toEqual([line, true, false]);
      if (tone === 'negative') expect([line, has(line, NEGATIVE_WORDS)]).toEqual([line, true]);
      if (tone === 'neutral') expect([line, has(line, POSITIVE_WORDS) || has(line, NEGATIVE_WORDS)]).toEqual([line, false]);
    }
  });

  it('lean positive for happy members and negative for unhappy ones', () => {
    const share = (mood: number, tone: string) => {
      const random = new SeededRandom(1);
      let n = 0;
      for (let i = 0; i < 10_000; i++) if (pickTone(random, mood) === tone) n++;
      return n / 10_000;
    };
    expect(share(1, 'positive')).toBeGreaterThan(0.7);
    expect(share(-1, 'positive')).toBeLessThan(0.2);
    expect(share(-1, 'negative')).toBeGreaterThan(share(1, 'negative') + 0.15);
  });

  it('rates reviews in line with their tone', () => {
    const random = new SeededRandom(2);
    for (let i = 0; i < 200; i++) {
      expect(ratingFor(random, 'positive')).toBeGreaterThanOrEqual(4);
      expect(ratingFor(random, 'negative')).toBeLessThanOrEqual(2);
      expect([3, 4]).toContain(ratingFor(random, 'neutral'));
    }
  });
});
