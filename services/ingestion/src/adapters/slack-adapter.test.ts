import { fc, test } from '@fast-check/vitest';
import { InteractionEventInput } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import type { AdapterContext } from './adapter-contract';
import { loadFixture } from './fixture-loader';
import { adaptSlack } from './slack-adapter';
import { answerSlackUrlVerification } from './slack-handshake';

// Fixtures follow the Slack Events API documentation:
// envelope https://api.slack.com/apis/events-api#callback-field, url_verification
// https://api.slack.com/events/url_verification (its example challenge), message
// https://api.slack.com/events/message (+ /message/message_deleted, /message/message_changed,
// /message/bot_message), https://api.slack.com/events/app_mention, /reaction_added (its example
// item), /reaction_removed, /member_joined_channel, /member_left_channel, /channel_created.
const receivedAt = new Date('2024-05-01T12:00:00.000Z');
const ctx: AdapterContext = { source: { brandId: 'acme', brandAccountIds: ['UBRAND0001', 'B0BOT00001'] }, receivedAt };
const adapt = (name: string) => adaptSlack(loadFixture('slack', name), ctx);
const eventsOf = (name: string) => {
  const result = adapt(name);
  if (!result.ok) throw new Error(`expected ok for ${name}`);
  return result;
};

describe('answerSlackUrlVerification', () => {
  it('echoes the challenge of a url_verification and nothing else', () => {
    expect(answerSlackUrlVerification(loadFixture('slack', 'url-verification.json'))).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    expect(answerSlackUrlVerification(loadFixture('slack', 'message-channel.json'))).toBeUndefined();
    expect(answerSlackUrlVerification({ type: 'url_verification' })).toBeUndefined();
    expect(answerSlackUrlVerification(null)).toBeUndefined();
  });

  it('is acknowledged as ignored by the adapter', () => {
    expect(adapt('url-verification.json')).toEqual({ ok: true, events: [], unresolved: [], ignored: [{ id: 'url_verification', reason: 'handshake (answered with the challenge)' }] });
  });
});

describe('adaptSlack messages', () => {
  it('maps a channel message to a comment', () => {
    expect(eventsOf('message-channel.json').events).toEqual([
      {
        id: 'C123ABC456:1355517523.000005', platform: 'slack', type: 'comment', direction: 'inbound', occurredAt: '2012-12-14T20:38:43.000Z',
        member: { platformId: 'U123ABC456' }, content: { text: 'Hello world, how do I export my data?' },
      },
    ]);
  });

  it('maps a thread reply to a reply naming the parent message', () => {
    expect(eventsOf('message-thread-reply.json').events).toEqual([
      {
        id: 'C123ABC456:1355517600.000100', platform: 'slack', type: 'reply', direction: 'inbound', occurredAt: '2012-12-14T20:40:00.000Z',
        member: { platformId: 'U222222222' },
        content: { text: 'Same problem here', threadId: 'C123ABC456:1355517523.000005', parentId: 'C123ABC456:1355517523.000005' },
      },
    ]);
  });

  it("maps a brand reply in a member's thread to an outbound reply to that member", () => {
    expect(eventsOf('message-brand-thread-reply.json').events).toEqual([
      {
        id: 'C123ABC456:1355517700.000200', platform: 'slack', type: 'reply', direction: 'outbound', occurredAt: '2012-12-14T20:41:40.000Z',
        member: { platformId: 'U123ABC456' },
        content: { text: 'Settings → Export, it takes a minute', threadId: 'C123ABC456:1355517523.000005', parentId: 'C123ABC456:1355517523.000005' },
      },
    ]);
  });

  it('ignores brand messages outside threads, other bots, edits and other subtypes', () => {
    expect(eventsOf('message-brand-channel.json').ignored).toEqual([{ id: 'C123ABC456:1355517800.000300', reason: 'brand message outside a thread (addresses no member)' }]);
    expect(eventsOf('bot-message.json').ignored).toEqual([{ id: 'Ev0PV52K34', reason: 'message subtype bot_message' }]);
    expect(eventsOf('message-changed.json').ignored).toEqual([{ id: 'Ev0PV52K29', reason: 'message subtype message_changed' }]);
    expect(eventsOf('channel-created.json').ignored).toEqual([{ id: 'Ev0PV52K35', reason: 'event type channel_created is not a relationship interaction' }]);
  });

  it('maps a message and the app_mention of the same message to one identical mention', () => {
    const expected = {
      id: 'C123ABC456:1355517900.000400', platform: 'slack', type: 'mention', direction: 'inbound', occurredAt: '2012-12-14T20:45:00.000Z',
      member: { platformId: 'U333333333' }, content: { text: '<@UBRAND0001> can you look at my ticket?' },
    };
    expect(eventsOf('message-mention.json').events).toEqual([expected]);
    expect(eventsOf('app-mention.json').events).toEqual([expected]);
  });

  it('ignores a brand direct message, whose recipient the payload does not name', () => {
    const payload = loadFixture('slack', 'message-im.json') as { event: { user: string } };
    payload.event.user = 'UBRAND0001';
    expect(adaptSlack(payload, ctx)).toMatchObject({ events: [], ignored: [{ id: 'D024BE91L:1355518000.000500', reason: 'brand direct message (the recipient is not in the payload)' }] });
  });

  it('maps a direct message to a message', () => {
    expect(eventsOf('message-im.json').events).toMatchObject([{ id: 'D024BE91L:1355518000.000500', type: 'message', direction: 'inbound', member: { platformId: 'U444444444' } }]);
  });

  it('maps a deleted message to the retraction of its event', () => {
    expect(eventsOf('message-deleted.json').events).toEqual([
      {
        id: 'C123ABC456:1355517600.000100:retracted', platform: 'slack', type: 'retraction', direction: 'inbound', occurredAt: '2013-01-22T18:19:15.000Z',
        member: { platformId: 'U222222222' }, content: { parentId: 'C123ABC456:1355517600.000100' },
      },
    ]);
  });
});

describe('adaptSlack reactions and membership', () => {
  it('maps reaction_added to a reaction whose id reaction_removed retracts', () => {
    const added = eventsOf('reaction-added.json').events;
    expect(added).toEqual([
      {
        id: 'C123ABC456:1355517523.000005:U222222222:thumbsup', platform: 'slack', type: 'reaction', direction: 'inbound', occurredAt: '2013-02-13T19:13:24.083Z',
        member: { platformId: 'U222222222' }, content: { threadId: 'C123ABC456:1355517523.000005' }, attributes: { reaction: 'thumbsup' },
      },
    ]);
    expect(eventsOf('reaction-removed.json').events).toEqual([
      {
        id: 'C123ABC456:1355517523.000005:U222222222:thumbsup:retracted', platform: 'slack', type: 'retraction', direction: 'inbound',
        occurredAt: '2013-02-13T19:15:00.083Z', member: { platformId: 'U222222222' }, content: { parentId: added[0]!.id },
      },
    ]);
  });

  it('ignores reactions by brand accounts', () => {
    const payload = loadFixture('slack', 'reaction-added.json') as { event: { user: string } };
    payload.event.user = 'UBRAND0001';
    expect(adaptSlack(payload, ctx)).toMatchObject({ events: [], ignored: [{ reason: 'reaction by a brand account (outbound reactions are not scored)' }] });
  });

  it('maps joins and leaves with one id per delivery', () => {
    expect(eventsOf('member-joined-channel.json').events).toEqual([
      {
        id: 'C123ABC456:join:W123ABC456:Ev0PV52K32', platform: 'slack', type: 'join', direction: 'inbound', occurredAt: '2013-02-13T19:16:40.000Z',
        member: { platformId: 'W123ABC456' }, attributes: { channel: 'C123ABC456' },
      },
    ]);
    expect(eventsOf('member-left-channel.json').events).toMatchObject([{ id: 'C123ABC456:leave:W123ABC456:Ev0PV52K33', type: 'leave' }]);
  });
});

describe('adaptSlack malformed input', () => {
  it('rejects envelopes without type and callbacks without an event type', () => {
    expect(adaptSlack({ event: {} }, ctx)).toMatchObject({ ok: false, reason: 'malformed_payload', issues: [{ path: 'type' }] });
    expect(adaptSlack({ type: 'event_callback', event: { user: 'U1' } }, ctx)).toMatchObject({ ok: false, issues: [{ path: 'event.type' }] });
  });

  it('ignores a message without channel or ts, and envelope types it does not handle', () => {
    expect(adaptSlack({ type: 'event_callback', event_id: 'Ev1', event: { type: 'message', user: 'U1' } }, ctx)).toMatchObject({ ok: true, events: [], ignored: [{ id: 'Ev1' }] });
    expect(adaptSlack({ type: 'app_rate_limited', minute_rate_limited: 1518467820 }, ctx)).toMatchObject({ ok: true, ignored: [{ reason: 'envelope type app_rate_limited' }] });
  });
});

describe('adaptSlack properties', () => {
  test.prop([fc.jsonValue()])('never throws on any JSON', (value) => {
    expect(() => adaptSlack(value, ctx)).not.toThrow();
  });

  const user = fc.constantFrom('UBRAND0001', 'U1', 'W2', '');
  const event = fc.record({
    type: fc.constantFrom('message', 'app_mention', 'reaction_added', 'reaction_removed', 'member_joined_channel', 'member_left_channel'),
    subtype: fc.option(fc.constantFrom('message_deleted', 'thread_broadcast', 'bot_message'), { nil: undefined }),
    user,
    channel: fc.string({ maxLength: 120 }),
    ts: fc.oneof(fc.constant('1355517523.000005'), fc.string({ maxLength: 40 })),
    thread_ts: fc.option(fc.constant('1355517500.000001'), { nil: undefined }),
    parent_user_id: fc.option(user, { nil: undefined }),
    text: fc.option(fc.string({ unit: 'binary', maxLength: 11_000 }), { nil: undefined }),
    reaction: fc.string({ maxLength: 80 }),
    item: fc.record({ type: fc.constant('message'), channel: fc.string({ maxLength: 80 }), ts: fc.string({ maxLength: 40 }) }),
    deleted_ts: fc.string({ maxLength: 40 }),
    previous_message: fc.record({ user }),
    event_ts: fc.option(fc.string(), { nil: undefined }),
  });
  test.prop([event, fc.option(fc.string({ maxLength: 80 }), { nil: undefined })])('emits only valid events from event-shaped input', (inner, eventId) => {
    const result = adaptSlack({ type: 'event_callback', event: inner, event_id: eventId }, ctx);
    expect(result.ok).toBe(true);
    if (result.ok) for (const e of result.events) expect(InteractionEventInput.safeParse(e).error).toBeUndefined();
  });
});
