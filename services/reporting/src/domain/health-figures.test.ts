import { describe, expect, it } from 'vitest';
import { healthFigures, sentimentClass, type PeriodCounters } from './health-figures';
import { responseBucket } from './response-times';

const empty: PeriodCounters = {
  membersBeforeEnd: 0, newMembers: 0, active: 0, activeNew: 0, activePrevious: 0, retained: 0,
  interactionsByType: {}, awaiting: 0, answered: 0, responseHistogram: [], positive: 0, negative: 0,
  withSentiment: 0, stageCounts: {}, levelCounts: {},
};

describe('healthFigures', () => {
  it('derives returning, churned and the rates from the counters', () => {
    const f = healthFigures({
      ...empty,
      membersBeforeEnd: 10, newMembers: 3, active: 6, activeNew: 2, activePrevious: 5, retained: 4,
      interactionsByType: { comment: 5, reaction: 7, share: 0 }, awaiting: 1, answered: 3,
      responseHistogram: [[responseBucket(25), 2], [responseBucket(600), 1]],
      positive: 3, negative: 1, withSentiment: 5,
      stageCounts: { engaged: 4 }, levelCounts: { '2': 4 },
    });
    expect(f).toEqual({
      members: 10, newMembers: 3, activeMembers: 6, returningMembers: 4, churnedMembers: 1, retentionRate: 0.8,
      interactions: 12, interactionsByType: { comment: 5, reaction: 7 }, responseRate: 0.75, medianResponseSeconds: 25,
      netSentiment: 0.4, stageCounts: { engaged: 4 }, levelCounts: { '2': 4 },
    });
  });

  it('answers null for rates without a denominator', () => {
    const f = healthFigures(empty);
    expect(f.retentionRate).toBeNull();
    expect(f.responseRate).toBeNull();
    expect(f.medianResponseSeconds).toBeNull();
    expect(f.netSentiment).toBeNull();
    expect(f.interactions).toBe(0);
  });
});

describe('sentimentClass', () => {
  it('uses ±0.05 as strict thresholds', () => {
    expect(sentimentClass(0.05)).toBe('neutral');
    expect(sentimentClass(0.0501)).toBe('positive');
    expect(sentimentClass(-0.05)).toBe('neutral');
    expect(sentimentClass(-0.2)).toBe('negative');
  });
});
