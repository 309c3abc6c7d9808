import { describe, expect, it } from 'vitest';
import { scoreFromGravity } from './decay';
import { serveRelationship, type StoredRelationship } from './served-relationship';

const stored: StoredRelationship = {
  brandId: 'b', memberId: 'm', version: 3, modelVersion: 1, halfLifeSeconds: 10 * 86_400, asOf: '2025-03-01T00:00:00.000Z',
  evaluatedAt: '2025-03-01T00:00:00.000Z', identities: [{ platform: 'x', platformId: 'm' }], love: 40, reach: 1, gravity: 80,
  advocacy: 12, sentiment: 0.25, score: scoreFromGravity(80), level: 1, stage: 'advocate', following: true, converted: false,
  isTeam: false, reciprocity: { awaiting: 1, answered: 3, responseRate: 0.75, medianResponseSeconds: 60 }, counts: { comment: 3 },
  firstSeenAt: '2025-01-01T00:00:00.000Z', lastActiveAt: '2025-02-28T00:00:00.000Z',
};

describe('serveRelationship', () => {
  it('decays love, advocacy, gravity and score to the request time and leaves the rest', () => {
    const served = serveRelationship(stored, Date.parse('2025-03-11T00:00:00Z'));
    expect(served.asOf).toBe('2025-03-11T00:00:00.000Z');
    expect(served.love).toBeCloseTo(20, 12);
    expect(served.advocacy).toBeCloseTo(6, 12);
    expect(served.gravity).toBeCloseTo(40, 12);
    expect(served.score).toBeCloseTo(100 * (1 - Math.exp(-40 / 60)), 12);
    expect({ ...served, asOf: stored.asOf, love: 40, advocacy: 12, gravity: 80, score: stored.score }).toEqual(stored);
  });
});
