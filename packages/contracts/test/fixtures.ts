import type { InteractionEvent, InteractionEventInput, RelationshipUpdated } from '../src/index';

/** A minimal valid sender event; tests copy and alter it. */
export function inputEvent(overrides: Partial<InteractionEventInput> = {}): InteractionEventInput {
  return {
    id: 'evt-1',
    platform: 'x',
    type: 'comment',
    direction: 'inbound',
    occurredAt: '2025-03-01T12:00:00Z',
    member: { platformId: 'u-42', handle: '@ada', followers: 1200 },
    content: { text: 'Love the new release!', url: 'https://x.com/ada/status/1', threadId: 't-1' },
    ...overrides,
  };
}

export function canonicalEvent(overrides: Partial<InteractionEvent> = {}): InteractionEvent {
  return {
    id: 'evt-1',
    brandId: 'acme',
    sourceId: 'src_01',
    platform: 'x',
    type: 'comment',
    direction: 'inbound',
    occurredAt: '2025-03-01T12:00:00Z',
    receivedAt: '2025-03-01T12:00:01.250Z',
    member: { platformId: 'u-42', handle: '@ada', followers: 1200 },
    content: { text: 'Love the new release!' },
    ...overrides,
  };
}

export function relationshipUpdated(overrides: Partial<RelationshipUpdated> = {}): RelationshipUpdated {
  return {
    brandId: 'acme',
    memberId: 'm-0001',
    version: 7,
    modelVersion: 2,
    halfLifeSeconds: 30 * 86_400,
    asOf: '2025-03-01T12:00:01Z',
    evaluatedAt: '2025-03-01T12:00:01Z',
    identities: [{ platform: 'x', platformId: 'u-42', handle: '@ada' }, { platform: 'github', platformId: '1234' }],
    displayName: 'Ada',
    love: 18.5,
    reach: 3.08,
    gravity: 75.48,
    advocacy: 6,
    sentiment: 0.4,
    score: 71.6,
    level: 2,
    stage: 'engaged',
    following: true,
    converted: false,
    isTeam: false,
    reciprocity: { awaiting: 1, answered: 3, responseRate: 0.75, medianResponseSeconds: 5400 },
    counts: { comment: 4, follow: 1, share: 1 },
    firstSeenAt: '2025-01-10T08:00:00Z',
    lastActiveAt: '2025-03-01T12:00:00Z',
    previousStage: 'casual',
    previousLevel: 3,
    cause: {
      kind: 'interaction',
      interactions: [
        { id: 'evt-1', sourceId: 'src_01', type: 'comment', direction: 'inbound', platform: 'x', occurredAt: '2025-03-01T12:00:00Z', weight: 4, sentiment: 0.6 },
        { id: 'evt-2', type: 'reply', direction: 'outbound', platform: 'x', occurredAt: '2025-03-01T13:30:00Z', weight: 0, sentiment: null, answers: 'evt-1', responseSeconds: 5400 },
        { id: 'evt-3', type: 'conversion', direction: 'inbound', platform: 'store', occurredAt: '2025-03-01T14:00:00Z', weight: 10, sentiment: null, value: 49.9, currency: 'EUR', stageBefore: 'engaged' },
        { id: 'evt-4', type: 'retraction', direction: 'inbound', platform: 'x', occurredAt: '2025-03-01T15:00:00Z', weight: 0, sentiment: null, retracts: 'evt-0' },
      ],
    },
    ...overrides,
  };
}
