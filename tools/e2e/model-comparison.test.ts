import { describe, expect, it } from 'vitest';
import { evaluateRelationship, type ModelEvent } from '../../services/scoring/src/model';
import { closeTo, evaluateFor, excessCounts, modelDifferences, type ServedRelationship } from './model-comparison';

const T0 = Date.parse('2026-01-10T12:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const event = (id: string, type: ModelEvent['type'], ms: number, extra: Partial<ModelEvent> = {}): ModelEvent => ({
  id,
  platform: 'x',
  type,
  direction: 'inbound',
  occurredAt: at(ms),
  member: { platformId: 'u1', followers: 500 },
  ...extra,
});

const events = [
  event('a', 'follow', 0),
  event('b', 'comment', 60_000, { content: { text: 'love it, great work' } }),
  event('c', 'reply', 120_000, { direction: 'outbound', content: { parentId: 'b', text: 'thanks' } }),
  event('d', 'reaction', 180_000),
];

/** What a correct reporting would serve: the model's values as a RelationshipView. */
function servedFromModel(asOfMs: number, evaluatedAtMs: number): ServedRelationship {
  const now = evaluateRelationship(events, asOfMs);
  const then = evaluateRelationship(events, evaluatedAtMs);
  return {
    brandId: 'b',
    memberId: 'm',
    version: 4,
    asOf: new Date(asOfMs).toISOString(),
    evaluatedAt: new Date(evaluatedAtMs).toISOString(),
    identities: [{ platform: 'x', platformId: 'u1' }],
    love: now.love,
    advocacy: now.advocacy,
    gravity: now.gravity,
    score: now.score,
    reach: then.reach,
    sentiment: then.sentiment,
    level: then.level,
    stage: then.stage,
    following: then.following,
    converted: then.converted,
    isTeam: then.isTeam,
    reciprocity: then.reciprocity,
    counts: { ...then.counts },
    firstSeenAt: new Date(then.firstSeenAt!).toISOString(),
    lastActiveAt: then.lastActiveAt === null ? null : new Date(then.lastActiveAt).toISOString(),
  };
}

describe('modelDifferences', () => {
  const evaluatedAt = T0 + 200_000;
  const asOf = T0 + 5 * 86_400_000;

  it('finds none for what the model itself says, decayed to a later asOf', () => {
    const served = servedFromModel(asOf, evaluatedAt);
    expect(modelDifferences(served, evaluateFor(served, events))).toEqual([]);
  });

  it('names a decaying value off by more than 1e-9 relative, and lets rounding noise pass', () => {
    const served = servedFromModel(asOf, evaluatedAt);
    expect(modelDifferences({ ...served, love: served.love * (1 + 1e-12) }, evaluateFor(served, events))).toEqual([]);
    expect(modelDifferences({ ...served, love: served.love * (1 + 1e-7) }, evaluateFor(served, events))).toEqual([expect.stringMatching(/^love: served/)]);
  });

  it('names a count, a stage and a reciprocity figure that differ', () => {
    const served = servedFromModel(asOf, evaluatedAt);
    const wrong = { ...served, counts: { ...served.counts, reaction: 2 }, stage: 'advocate', reciprocity: { ...served.reciprocity, answered: 0 } };
    const differences = modelDifferences(wrong, evaluateFor(served, events));
    expect(differences).toHaveLength(3);
    expect(differences.join('\n')).toMatch(/counts\.reaction: served 2 ≠ model 1/);
  });

  it('notices an event the model has and reporting missed (values were taken without it)', () => {
    const served = servedFromModel(asOf, evaluatedAt);
    const withExtra = [...events, event('e', 'share', 190_000)];
    expect(modelDifferences(served, evaluateFor(served, withExtra)).length).toBeGreaterThan(0);
  });
});

describe('excessCounts', () => {
  it('sums what is counted beyond the model, ignoring shortfalls', () => {
    const model = evaluateRelationship(events, T0 + 200_000);
    expect(excessCounts({ counts: { ...model.counts } }, model)).toBe(0);
    expect(excessCounts({ counts: { ...model.counts, reaction: 3, follow: 0 } }, model)).toBe(2);
  });
});

describe('closeTo', () => {
  it('is relative, and exact for zero', () => {
    expect(closeTo(0, 0)).toBe(true);
    expect(closeTo(0, 1e-300)).toBe(false);
    expect(closeTo(1e6, 1e6 + 1e-4)).toBe(true);
    expect(closeTo(1, 1 + 2e-9)).toBe(false);
  });
});
