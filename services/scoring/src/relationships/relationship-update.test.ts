import { RelationshipUpdated } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG, evaluateRelationship } from '../model';
import { emptyProfile, observeProfile } from './member-profile';
import { changesStageOrLevel, relationshipUpdated, updateMessage } from './relationship-update';

const at = Date.parse('2025-06-01T10:00:00.000Z');
const events = [
  { id: 'a', platform: 'x' as const, type: 'follow' as const, direction: 'inbound' as const, occurredAt: '2025-06-01T09:00:00.000Z', member: { platformId: '42', followers: 99 } },
  { id: 'b', platform: 'x' as const, type: 'comment' as const, direction: 'inbound' as const, occurredAt: '2025-06-01T09:30:00.000Z', member: { platformId: '42' }, content: { text: 'great' } },
];

function profile() {
  const p = emptyProfile();
  observeProfile(p, { id: 'a', platform: 'x', member: { platformId: '42', handle: '@old', displayName: 'Ada' } }, at - 2_000);
  observeProfile(p, { id: 'b', platform: 'x', member: { platformId: '42', handle: '@new' } }, at - 1_000);
  observeProfile(p, { id: 'c', platform: 'github', member: { platformId: 'ada' } }, at - 5_000);
  // Arriving last but older: does not win.
  observeProfile(p, { id: 'z', platform: 'x', member: { platformId: '42', handle: '@older' } }, at - 3_000);
  return p;
}

describe('relationshipUpdated', () => {
  const values = evaluateRelationship(events, at, DEFAULT_MODEL_CONFIG);

  it('is a valid contract payload with the profile, only non-zero counts, and times as RFC 3339', () => {
    const update = relationshipUpdated({ brandId: 'acme', memberId: 'm_1', version: 3, config: DEFAULT_MODEL_CONFIG, values, profile: profile(), previous: null, cause: { kind: 'sweep' } });
    expect(RelationshipUpdated.parse(update)).toEqual(update);
    expect(update.identities).toEqual([{ platform: 'github', platformId: 'ada' }, { platform: 'x', platformId: '42', handle: '@new' }]);
    expect(update.displayName).toBe('Ada');
    expect(update.counts).toEqual({ follow: 1, comment: 1 });
    expect(update).toMatchObject({ asOf: '2025-06-01T10:00:00.000Z', evaluatedAt: '2025-06-01T10:00:00.000Z', firstSeenAt: '2025-06-01T09:00:00.000Z', halfLifeSeconds: 2_592_000, modelVersion: 1 });
    expect(update.previousStage).toBeUndefined();
  });

  it('names the previous stage and level only when they changed', () => {
    const same = relationshipUpdated({ brandId: 'acme', memberId: 'm_1', version: 2, config: DEFAULT_MODEL_CONFIG, values, profile: profile(), previous: { stage: values.stage, level: values.level }, cause: { kind: 'sweep' } });
    expect(same.previousStage).toBeUndefined();
    expect(same.previousLevel).toBeUndefined();
    expect(changesStageOrLevel(same, { stage: values.stage, level: values.level })).toBe(false);
    const moved = relationshipUpdated({ brandId: 'acme', memberId: 'm_1', version: 2, config: DEFAULT_MODEL_CONFIG, values, profile: profile(), previous: { stage: 'lapsed', level: 1 }, cause: { kind: 'sweep' } });
    expect(moved).toMatchObject({ previousStage: 'lapsed', previousLevel: 1 });
    expect(changesStageOrLevel(moved, { stage: 'lapsed', level: 1 })).toBe(true);
  });

  it('becomes an outbox row keyed by relationship, with CloudEvents headers whose id names the version', () => {
    const update = relationshipUpdated({ brandId: 'acme', memberId: 'm_1', version: 7, config: DEFAULT_MODEL_CONFIG, values, profile: profile(), previous: null, cause: { kind: 'sweep' } });
    const row = updateMessage(update, 'relationships.v1', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    expect(row).toMatchObject({ topic: 'relationships.v1', key: 'acme:m_1' });
    expect(row.headers).toMatchObject({ ce_id: 'acme:m_1:7', ce_type: 'com.rapport.relationship.v1', ce_source: '/rapport/scoring', ce_time: update.evaluatedAt, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    expect(JSON.parse(row.value)).toEqual(update);
  });
});
