import { emailHashOf } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { canonicalBody } from '../../../services/ingestion/src/intake/canonical-body';
import { interactionMessage } from '../../../services/ingestion/src/store/interaction-message';
import { replayDelivery, restoreArchivedEmails, type ArchivedDelivery } from './canonical-replay';

const receivedAt = new Date('2026-03-01T12:00:00.123Z');
const context = { sourceId: 'src_a', brandId: 'acme', receivedAt, retentionMs: 730 * 86_400_000 };

function event(id: string, overrides: Record<string, unknown> = {}) {
  return { id, platform: 'custom', type: 'comment', direction: 'inbound', occurredAt: '2026-03-01T11:59:00Z', member: { platformId: `m-${id}` }, ...overrides };
}

/** What ingestion did at acceptance: the canonical route's events and archive for this body. */
function accepted(body: unknown) {
  const result = canonicalBody(Buffer.from(JSON.stringify(body)), context);
  if (!result.ok) throw new Error('the fixture must be a valid body');
  return result;
}

function delivery(archive: string, acceptedIds: string[], orderWinnerIds: string[] = []): ArchivedDelivery {
  return { sourceId: 'src_a', deliveryId: 'd1', brandId: 'acme', receivedAt, payload: archive, acceptedIds, orderWinnerIds };
}

describe('re-deriving an archived canonical delivery', () => {
  it('yields the messages ingestion published: key, CloudEvents headers and event, even with hashed emails', () => {
    const body = {
      events: [
        event('e1', { member: { platformId: 'u1', email: 'Ada@Example.com' } }),
        event('e2', { platform: 'email', member: { platformId: 'bob@example.org', email: 'bob@example.org' } }),
        event('e3'),
      ],
    };
    const original = accepted(body);
    expect(original.archive).not.toContain('@example');
    const replayed = replayDelivery(delivery(original.archive, ['e1', 'e2', 'e3']));
    if (!replayed.ok) throw new Error(replayed.reason);
    const published = original.events.map(interactionMessage);
    expect(replayed.messages.map((m) => [m.key, m.headers])).toEqual(published.map((m) => [m.key, m.headers]));
    expect(replayed.messages.map((m) => JSON.parse(m.value) as unknown)).toEqual(published.map((m) => JSON.parse(m.value) as unknown));
    expect(JSON.parse(replayed.messages[0]!.value)).toMatchObject({ member: { platformId: 'u1', emailHash: emailHashOf('ada@example.com') } });
  });

  it('keeps only the events this delivery got accepted, once, and conversions that took their order', () => {
    const conversion = (id: string, orderId: string) =>
      event(id, { type: 'conversion', conversion: { orderId, value: 10, currency: 'EUR' } });
    const original = accepted({ events: [event('seen-before'), event('new'), event('new'), conversion('c1', 'o-1'), conversion('c2', 'o-1')] });
    const replayed = replayDelivery(delivery(original.archive, ['new', 'c1', 'c2'], ['c1']));
    expect(replayed.ok && replayed.messages.map((m) => (JSON.parse(m.value) as { id: string }).id)).toEqual(['new', 'c1']);
  });

  it('refuses a platform payload and an archive that lacks an accepted event', () => {
    expect(replayDelivery(delivery(JSON.stringify({ ref: 'refs/heads/main', commits: [] }), ['x']))).toEqual({
      ok: false,
      reason: 'not a canonical payload (a platform webhook delivery)',
    });
    expect(replayDelivery(delivery(accepted(event('e1')).archive, ['e1', 'e9']))).toEqual({ ok: false, reason: 'the archive yields 1 of the 2 accepted events' });
    expect(replayDelivery(delivery('{"events": [', ['e1']))).toMatchObject({ ok: false });
  });

  it('puts an archived hash back as emailHash, keeping one the sender gave', () => {
    const hash = 'a'.repeat(64);
    expect(restoreArchivedEmails({ member: { email: `sha256:${hash}` }, other: ['x'] })).toEqual({ member: { emailHash: hash }, other: ['x'] });
    expect(restoreArchivedEmails({ email: `sha256:${hash}`, emailHash: 'b'.repeat(64) })).toEqual({ emailHash: 'b'.repeat(64) });
    expect(restoreArchivedEmails({ email: 'plain text' })).toEqual({ email: 'plain text' });
  });
});
