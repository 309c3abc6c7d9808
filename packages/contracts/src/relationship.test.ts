import { describe, expect, test } from 'vitest';
import { relationshipUpdated } from '../test/fixtures';
import { failingPaths } from '../test/failing-paths';
import { RelationshipUpdated, type RelationshipCause } from './relationship';

describe('RelationshipUpdated', () => {
  test('accepts a full update', () => {
    expect(RelationshipUpdated.parse(relationshipUpdated())).toEqual(relationshipUpdated());
  });

  test.each<RelationshipCause>([
    { kind: 'sweep' },
    { kind: 'merge', absorbedMemberIds: ['m-0002'] },
    { kind: 'split', fromMemberId: 'm-0002' },
    { kind: 'split' },
    { kind: 'rescore', rescoreId: 'r-1' },
    { kind: 'erasure', erasureId: 'er-1' },
  ])('accepts cause $kind', (cause) => {
    expect(RelationshipUpdated.parse(relationshipUpdated({ cause })).cause).toEqual(cause);
  });

  test('accepts nulls where the model has no value yet', () => {
    const r = relationshipUpdated({ sentiment: null, lastActiveAt: null, reciprocity: { awaiting: 0, answered: 0, responseRate: null, medianResponseSeconds: null } });
    expect(RelationshipUpdated.safeParse(r).success).toBe(true);
  });

  test('is tolerant of unknown fields', () => {
    const r = RelationshipUpdated.parse({ ...relationshipUpdated(), futureField: 1, reciprocity: { ...relationshipUpdated().reciprocity, p90: 3 } });
    expect(r).not.toHaveProperty('futureField');
    expect(r.reciprocity).not.toHaveProperty('p90');
  });

  const cause = relationshipUpdated().cause as Extract<RelationshipCause, { kind: 'interaction' }>;
  const entry = (i: number, change: object) => ({ cause: { kind: 'interaction', interactions: [{ ...cause.interactions[i], ...change }] } });
  test.each([
    ['version 0', { version: 0 }, 'version'],
    ['fractional version', { version: 1.5 }, 'version'],
    ['unsafe version', { version: 2 ** 53 }, 'version'],
    ['level 0', { level: 0 }, 'level'],
    ['level 5', { level: 5 }, 'level'],
    ['unknown stage', { stage: 'loyal' }, 'stage'],
    ['unknown previousStage', { previousStage: 'loyal' }, 'previousStage'],
    ['negative love', { love: -1 }, 'love'],
    ['NaN gravity', { gravity: Number.NaN }, 'gravity'],
    ['infinite reach', { reach: Number.POSITIVE_INFINITY }, 'reach'],
    ['sentiment above 1', { sentiment: 1.01 }, 'sentiment'],
    ['score above 100', { score: 100.5 }, 'score'],
    ['no identities', { identities: [] }, 'identities'],
    ['memberId with a colon', { memberId: 'm:1' }, 'memberId'],
    ['responseRate above 1', { reciprocity: { awaiting: 0, answered: 1, responseRate: 2, medianResponseSeconds: 1 } }, 'reciprocity.responseRate'],
    ['negative count', { counts: { comment: -1 } }, 'counts.comment'],
    ['asOf without offset', { asOf: '2025-03-01T12:00:00' }, 'asOf'],
    ['unknown cause', { cause: { kind: 'magic' } }, 'cause.kind'],
    ['interaction cause without entries', { cause: { kind: 'interaction', interactions: [] } }, 'cause.interactions'],
    ['merge without absorbed ids', { cause: { kind: 'merge' } }, 'cause.absorbedMemberIds'],
    ['entry weight negative', entry(0, { weight: -1 }), 'cause.interactions[0].weight'],
    ['entry sentiment missing', entry(0, { sentiment: undefined }), 'cause.interactions[0].sentiment'],
    ['entry currency lower case', entry(2, { currency: 'eur' }), 'cause.interactions[0].currency'],
  ])('rejects %s', (_name, overrides, path) => {
    expect(failingPaths(RelationshipUpdated, { ...relationshipUpdated(), ...overrides })).toEqual([path]);
  });
});
