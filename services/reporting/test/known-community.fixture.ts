/**
 * A small community of brand `acme` whose every reporting figure is worked out by hand in
 * `reporting-flow.int.test.ts`. "Now" is Thursday 2025-03-20 12:00 UTC; the weeks are those of
 * Monday 3, 10 and 17 March. Half-life 30 days.
 *
 *   alice  first seen Mon 03-03; follow, comment (answered after 30 min), share; then a mention and
 *          a conversion (49.90 EUR, stage before: engaged) on 03-11, when she became an advocate.
 *   bob    first seen Tue 03-04; a reaction (later retracted) and an unanswered negative comment;
 *          a conversion (100 EUR, stage before: new) on 03-12.
 *   carol  first seen Mon 03-10 (github + x); a message answered 6 d 20 h later; a reaction on 03-17.
 *   dave   a teammate: in no community figure.
 *   erin   first seen in February (follow, comment), engaged, then at risk on 03-10 (a sweep).
 *   frank  engaged in December, lapsed on 03-15 (alert: he was engaged once).
 *   greg   new in December, lapsed on 03-16 (no alert: never engaged).
 */
import type { RelationshipUpdated } from '@rapport/contracts';
import { applied, relationshipUpdate } from './relationship-update.fixture';

export const BRAND = 'acme';
export const NOW = Date.parse('2025-03-20T12:00:00Z');

const u = (fields: Omit<Parameters<typeof relationshipUpdate>[0], 'brandId'>) => relationshipUpdate({ ...fields, brandId: BRAND });

export function knownCommunity(): RelationshipUpdated[] {
  return [
    // ---- alice ----
    u({ memberId: 'alice', version: 1, asOf: '2025-03-03T10:00:00Z', firstSeenAt: '2025-03-03T09:00:00Z', lastActiveAt: '2025-03-03T10:00:00Z',
      love: 6, gravity: 6, stage: 'new', level: 3, identities: [{ platform: 'x', platformId: 'alice-x', handle: '@alice' }], displayName: 'Alice',
      interactions: [
        applied('a1', { type: 'follow', occurredAt: '2025-03-03T09:00:00Z', weight: 2 }),
        applied('a2', { type: 'comment', occurredAt: '2025-03-03T10:00:00Z', weight: 4, sentiment: 0.6 }),
      ] }),
    u({ memberId: 'alice', version: 2, asOf: '2025-03-04T10:00:00Z', firstSeenAt: '2025-03-03T09:00:00Z', lastActiveAt: '2025-03-04T10:00:00Z',
      love: 12, advocacy: 6, gravity: 14, stage: 'engaged', previousStage: 'new', level: 3, identities: [{ platform: 'x', platformId: 'alice-x' }],
      interactions: [
        applied('o1', { type: 'reply', direction: 'outbound', occurredAt: '2025-03-03T10:30:00Z', weight: 0, answers: 'a2', responseSeconds: 1800 }),
        applied('a3', { type: 'share', occurredAt: '2025-03-04T10:00:00Z', weight: 6, sentiment: 0.3 }),
      ] }),
    u({ memberId: 'alice', version: 3, asOf: '2025-03-11T08:00:00Z', firstSeenAt: '2025-03-03T09:00:00Z', lastActiveAt: '2025-03-11T08:00:00Z',
      love: 20, advocacy: 12, reach: 0.5, gravity: 30, sentiment: 0.45, stage: 'advocate', previousStage: 'engaged', level: 2, previousLevel: 3,
      converted: true, identities: [{ platform: 'x', platformId: 'alice-x' }], displayName: 'Alice',
      interactions: [
        applied('a4', { type: 'mention', occurredAt: '2025-03-11T08:00:00Z', weight: 6, sentiment: 0.5 }),
        applied('a5', { type: 'conversion', occurredAt: '2025-03-11T07:59:30Z', weight: 10, value: 49.9, currency: 'EUR', stageBefore: 'engaged' }),
      ] }),
    // ---- bob ----
    u({ memberId: 'bob', version: 1, asOf: '2025-03-04T12:05:00Z', firstSeenAt: '2025-03-04T12:00:00Z', lastActiveAt: '2025-03-04T12:05:00Z',
      love: 5, gravity: 5, stage: 'new', level: 4, identities: [{ platform: 'x', platformId: 'bob-x' }],
      interactions: [
        applied('b1', { type: 'reaction', occurredAt: '2025-03-04T12:00:00Z', weight: 1 }),
        applied('b2', { type: 'comment', occurredAt: '2025-03-04T12:05:00Z', weight: 4, sentiment: -0.4 }),
      ] }),
    u({ memberId: 'bob', version: 2, asOf: '2025-03-12T09:00:00Z', firstSeenAt: '2025-03-04T12:00:00Z', lastActiveAt: '2025-03-12T09:00:00Z',
      love: 12, gravity: 12, stage: 'new', level: 4, converted: true, identities: [{ platform: 'x', platformId: 'bob-x' }],
      interactions: [applied('b3', { type: 'conversion', platform: 'store', occurredAt: '2025-03-12T09:00:00Z', weight: 10, value: 100, currency: 'EUR', stageBefore: 'new' })] }),
    u({ memberId: 'bob', version: 3, asOf: '2025-03-18T10:00:00Z', firstSeenAt: '2025-03-04T12:00:00Z', lastActiveAt: '2025-03-12T09:00:00Z',
      love: 8, gravity: 8, stage: 'new', level: 4, converted: true, identities: [{ platform: 'x', platformId: 'bob-x' }],
      interactions: [applied('b4', { type: 'retraction', occurredAt: '2025-03-18T10:00:00Z', weight: 0, retracts: 'b1' })] }),
    // ---- carol ----
    u({ memberId: 'carol', version: 1, asOf: '2025-03-10T15:00:00Z', firstSeenAt: '2025-03-10T15:00:00Z', lastActiveAt: '2025-03-10T15:00:00Z',
      love: 4, gravity: 4, stage: 'new', level: 4, identities: [{ platform: 'x', platformId: 'carol-x' }, { platform: 'github', platformId: 'carol-gh' }],
      interactions: [applied('c1', { type: 'message', occurredAt: '2025-03-10T15:00:00Z', weight: 4, sentiment: 0 })] }),
    u({ memberId: 'carol', version: 2, asOf: '2025-03-17T11:00:00Z', firstSeenAt: '2025-03-10T15:00:00Z', lastActiveAt: '2025-03-17T11:00:00Z',
      love: 3, gravity: 3, stage: 'new', level: 4, identities: [{ platform: 'x', platformId: 'carol-x' }, { platform: 'github', platformId: 'carol-gh' }],
      interactions: [
        applied('o2', { type: 'message', direction: 'outbound', occurredAt: '2025-03-17T11:00:00Z', weight: 0, answers: 'c1', responseSeconds: 590_400 }),
        applied('c2', { type: 'reaction', occurredAt: '2025-03-17T11:00:00Z', weight: 1 }),
      ] }),
    // ---- dave, a teammate ----
    u({ memberId: 'dave', version: 1, asOf: '2025-03-05T09:00:00Z', firstSeenAt: '2025-03-05T09:00:00Z', lastActiveAt: '2025-03-05T09:00:00Z',
      love: 50, gravity: 500, stage: 'advocate', level: 1, isTeam: true, identities: [{ platform: 'x', platformId: 'dave-x' }],
      interactions: [applied('d1', { type: 'comment', occurredAt: '2025-03-05T09:00:00Z', weight: 4, sentiment: 0.9 })] }),
    // ---- erin ----
    u({ memberId: 'erin', version: 1, asOf: '2025-02-10T10:00:00Z', firstSeenAt: '2025-02-10T10:00:00Z', lastActiveAt: '2025-02-10T10:00:00Z',
      love: 2, gravity: 2, stage: 'new', level: 4, identities: [{ platform: 'x', platformId: 'erin-x' }],
      interactions: [applied('e1', { type: 'follow', occurredAt: '2025-02-10T10:00:00Z', weight: 2 })] }),
    u({ memberId: 'erin', version: 2, asOf: '2025-02-12T10:00:00Z', firstSeenAt: '2025-02-10T10:00:00Z', lastActiveAt: '2025-02-12T10:00:00Z',
      love: 9, gravity: 12, stage: 'engaged', previousStage: 'new', level: 3, previousLevel: 4, identities: [{ platform: 'x', platformId: 'erin-x' }],
      interactions: [applied('e2', { type: 'comment', occurredAt: '2025-02-12T10:00:00Z', weight: 4 })] }),
    u({ memberId: 'erin', version: 3, asOf: '2025-03-10T00:00:00Z', evaluatedAt: '2025-03-10T00:00:00Z', firstSeenAt: '2025-02-10T10:00:00Z',
      lastActiveAt: '2025-02-12T10:00:00Z', love: 4, gravity: 9, stage: 'at_risk', previousStage: 'engaged', level: 3,
      identities: [{ platform: 'x', platformId: 'erin-x' }] }),
    // ---- frank ----
    u({ memberId: 'frank', version: 1, asOf: '2024-12-01T10:00:00Z', firstSeenAt: '2024-12-01T10:00:00Z', lastActiveAt: '2024-12-01T10:00:00Z',
      love: 9, gravity: 9, stage: 'engaged', level: 3, identities: [{ platform: 'x', platformId: 'frank-x' }],
      interactions: [applied('f1', { type: 'comment', occurredAt: '2024-12-01T10:00:00Z', weight: 4 })] }),
    u({ memberId: 'frank', version: 2, asOf: '2025-03-15T00:00:00Z', firstSeenAt: '2024-12-01T10:00:00Z', lastActiveAt: '2024-12-01T10:00:00Z',
      love: 0.5, gravity: 0.5, stage: 'lapsed', previousStage: 'engaged', level: 4, previousLevel: 3, identities: [{ platform: 'x', platformId: 'frank-x' }] }),
    // ---- greg ----
    u({ memberId: 'greg', version: 1, asOf: '2024-12-20T10:00:00Z', firstSeenAt: '2024-12-20T10:00:00Z', lastActiveAt: '2024-12-20T10:00:00Z',
      love: 1, gravity: 1, stage: 'new', level: 4, identities: [{ platform: 'x', platformId: 'greg-x' }],
      interactions: [applied('g1', { type: 'reaction', occurredAt: '2024-12-20T10:00:00Z', weight: 1 })] }),
    u({ memberId: 'greg', version: 2, asOf: '2025-03-16T00:00:00Z', firstSeenAt: '2024-12-20T10:00:00Z', lastActiveAt: '2024-12-20T10:00:00Z',
      love: 0.2, gravity: 0.2, stage: 'lapsed', previousStage: 'new', level: 4, identities: [{ platform: 'x', platformId: 'greg-x' }] }),
  ];
}
