import type { InteractionEvent, InteractionEventInput } from '../src/index';

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
