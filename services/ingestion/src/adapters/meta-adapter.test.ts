import { fc, test } from '@fast-check/vitest';
import { InteractionEventInput } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { withMember } from './adaptation';
import type { AdapterContext } from './adapter-contract';
import { loadFixture } from './fixture-loader';
import { adaptMeta } from './meta-adapter';

// Fixtures follow Meta's documented webhook payloads:
// - Page feed: https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed
// - Messenger: https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
//   (and message-echoes, message-reactions, message-deliveries)
// - Instagram: https://developers.facebook.com/docs/instagram-platform/webhooks/examples
//   (the comments example there is the first comment of instagram-comments.json)
const receivedAt = new Date('2024-05-02T00:00:00.000Z');
const ctx = (brandAccountIds: string[] = []): AdapterContext => ({ source: { brandId: 'acme', brandAccountIds }, receivedAt });
const fixture = (name: string) => loadFixture('meta', name);

const POST = '105519508913397_412345678901234';
const cinderella = { platformId: '7141234567890123', displayName: 'Cinderella Hoover' };
const prince = { platformId: '7149876543210987', displayName: 'Prince Charming' };
const snow = { platformId: '7155555555555555', displayName: 'Snow White' };

describe('adaptMeta Page feed', () => {
  it('maps comments and replies; hands back the Page answer unresolved; ignores Page posts and edits', () => {
    expect(adaptMeta(fixture('page-feed-comments.json'), ctx())).toEqual({
      ok: true,
      events: [
        {
          id: '412345678901234_998877665544332', platform: 'facebook', type: 'comment', direction: 'inbound', occurredAt: '2024-05-01T11:58:20.000Z',
          member: cinderella, content: { text: 'Where can I buy this?', threadId: POST },
        },
        {
          id: '412345678901234_998877665544399', platform: 'facebook', type: 'reply', direction: 'inbound', occurredAt: '2024-05-01T11:59:10.000Z',
          member: prince, content: { text: 'Same question!', threadId: POST, parentId: '412345678901234_998877665544332' },
        },
      ],
      ignored: [
        { id: '412345678901234_998877665544401', reason: 'the Page commented on a post (not an answer to a member)' },
        { id: '412345678901234_998877665544332', reason: 'comment edited' },
      ],
      unresolved: [
        {
          answersId: '412345678901234_998877665544332',
          event: {
            id: '412345678901234_998877665544400', platform: 'facebook', type: 'reply', direction: 'outbound', occurredAt: '2024-05-01T11:59:50.000Z',
            content: { text: 'In our online shop, link in bio!', threadId: POST, parentId: '412345678901234_998877665544332' },
          },
        },
      ],
    });
  });

  it('completes an unresolved answer with the member the caller looked up', () => {
    const result = adaptMeta(fixture('page-feed-comments.json'), ctx());
    if (!result.ok) throw new Error('expected ok');
    const answer = result.unresolved[0]!;
    const event = withMember(answer, cinderella);
    expect(event).toMatchObject({ id: '412345678901234_998877665544400', direction: 'outbound', member: cinderella });
    expect(InteractionEventInput.safeParse(event).success).toBe(true);
  });

  it('maps reactions with one id per person and object, and a remove to its retraction', () => {
    expect(adaptMeta(fixture('page-feed-reactions.json'), ctx())).toEqual({
      ok: true,
      events: [
        {
          id: `${POST}:reaction:7141234567890123`, platform: 'facebook', type: 'reaction', direction: 'inbound', occurredAt: '2024-05-01T11:56:40.000Z',
          member: cinderella, content: { threadId: POST }, attributes: { reaction: 'love' },
        },
        {
          id: '412345678901234_998877665544332:reaction:7149876543210987', platform: 'facebook', type: 'reaction', direction: 'inbound',
          occurredAt: '2024-05-01T11:56:50.000Z', member: prince, content: { threadId: POST }, attributes: { reaction: 'like' },
        },
        {
          id: `${POST}:reaction:7141234567890123:retracted`, platform: 'facebook', type: 'retraction', direction: 'inbound', occurredAt: '2024-05-01T11:57:10.000Z',
          member: cinderella, content: { parentId: `${POST}:reaction:7141234567890123` },
        },
      ],
      ignored: [
        { id: `${POST}:reaction:7141234567890123`, reason: 'reaction edit' },
        { id: '412345678901234_998877665544332:reaction:105519508913397', reason: 'the Page reacted (outbound reactions are not scored)' },
      ],
      unresolved: [],
    });
  });

  it('retracts removed comments, maps shares and visitor posts, ignores other items', () => {
    expect(adaptMeta(fixture('page-feed-removals-shares.json'), ctx())).toEqual({
      ok: true,
      events: [
        {
          id: '412345678901234_998877665544399:retracted', platform: 'facebook', type: 'retraction', direction: 'inbound', occurredAt: '2024-05-01T12:03:20.000Z',
          member: prince, content: { parentId: '412345678901234_998877665544399' },
        },
        {
          id: '7155555555555555_100000000000001', platform: 'facebook', type: 'share', direction: 'inbound', occurredAt: '2024-05-01T12:05:00.000Z',
          member: snow, content: { text: 'Look at these!', threadId: POST },
        },
        {
          id: '105519508913397_500000000000001', platform: 'facebook', type: 'comment', direction: 'inbound', occurredAt: '2024-05-01T12:06:40.000Z',
          member: snow, content: { text: 'Do you ship to Norway?', threadId: '105519508913397_500000000000001' },
        },
      ],
      ignored: [{ id: '105519508913397_500000000000001', reason: 'feed item event is not a relationship interaction' }],
      unresolved: [],
    });
  });

  it('maps Messenger messages, echoes and reactions; ignores deliveries', () => {
    const member = { platformId: '6543210987654321' };
    expect(adaptMeta(fixture('page-messaging.json'), ctx())).toEqual({
      ok: true,
      events: [
        {
          id: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P', platform: 'facebook', type: 'message',
          direction: 'inbound', occurredAt: '2024-05-01T12:20:00.000Z', member, content: { text: 'Hello, is my order shipped?' },
        },
        { id: 'm_echo_1a2b3c', platform: 'facebook', type: 'message', direction: 'outbound', occurredAt: '2024-05-01T12:21:00.000Z', member, content: { text: 'Yes, it left this morning!' } },
        {
          id: 'm_echo_1a2b3c:reaction:6543210987654321', platform: 'facebook', type: 'reaction', direction: 'inbound', occurredAt: '2024-05-01T12:21:10.000Z',
          member, attributes: { reaction: 'love' },
        },
      ],
      ignored: [{ id: 'entry[0].messaging[3]', reason: 'messaging event without message or reaction (delivery, read, postback…)' }],
      unresolved: [],
    });
  });
});

describe('adaptMeta Instagram', () => {
  it('maps comments and replies, hands back the account reply, ignores author-less mentions and insights', () => {
    const content = (text: string, parentId?: string) => ({ text, threadId: '123123123', ...(parentId ? { parentId } : {}) });
    expect(adaptMeta(fixture('instagram-comments.json'), ctx())).toEqual({
      ok: true,
      events: [
        {
          id: '17865799348089039', platform: 'instagram', type: 'comment', direction: 'inbound', occurredAt: '2024-05-01T12:36:40.000Z',
          member: { platformId: '232323232', handle: 'test_user' }, content: content('This is an example.'),
        },
        {
          id: '17865799348089040', platform: 'instagram', type: 'reply', direction: 'inbound', occurredAt: '2024-05-01T12:36:40.000Z',
          member: { platformId: '454545454', handle: 'other_user' }, content: content('Agreed', '17865799348089039'),
        },
      ],
      ignored: [
        { id: '17918195224117851', reason: 'instagram mention without author (needs a Graph API lookup)' },
        { id: 'entry[0].changes[4]', reason: 'instagram field story_insights is not a relationship interaction' },
      ],
      unresolved: [
        {
          answersId: '17865799348089039',
          event: { id: '17865799348089041', platform: 'instagram', type: 'reply', direction: 'outbound', occurredAt: '2024-05-01T12:36:40.000Z', content: content('Thank you!', '17865799348089039') },
        },
      ],
    });
  });

  it('maps Instagram Direct messages and their deletion', () => {
    const member = { platformId: '987654321987654' };
    expect(adaptMeta(fixture('instagram-messaging.json'), ctx())).toEqual({
      ok: true,
      events: [
        { id: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3', platform: 'instagram', type: 'message', direction: 'inbound', occurredAt: '2024-05-01T12:53:20.000Z', member, content: { text: 'Do you have size 42?' } },
        {
          id: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3:retracted', platform: 'instagram', type: 'retraction', direction: 'inbound', occurredAt: '2024-05-01T12:55:00.000Z',
          member, content: { parentId: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3' },
        },
      ],
      ignored: [],
      unresolved: [],
    });
  });
});

describe('adaptMeta envelopes', () => {
  it('ignores objects other than page and instagram', () => {
    expect(adaptMeta(fixture('whatsapp-object.json'), ctx())).toEqual({
      ok: true, events: [], unresolved: [], ignored: [{ id: 'whatsapp_business_account', reason: 'webhook object whatsapp_business_account is not a Page or Instagram account' }],
    });
  });

  it('ignores entries addressed to an account the source does not list', () => {
    expect(adaptMeta(fixture('page-feed-comments.json'), ctx(['999']))).toEqual({
      ok: true, events: [], unresolved: [], ignored: [{ id: '105519508913397', reason: 'entry for an account not of this source' }],
    });
  });

  it('rejects payloads without object or entry list, ignores malformed entries and changes', () => {
    expect(adaptMeta({ entry: [] }, ctx())).toMatchObject({ ok: false, reason: 'malformed_payload', issues: [{ path: 'object' }] });
    expect(adaptMeta({ object: 'page', entry: {} }, ctx())).toMatchObject({ ok: false, issues: [{ path: 'entry' }] });
    const result = adaptMeta({ object: 'page', entry: [{ time: 1 }, { id: '1', changes: [{ field: 'feed', value: { verb: 'add' } }, 7] }] }, ctx());
    expect(result).toMatchObject({ ok: true, events: [], ignored: [{ id: 'entry[0]' }, { id: 'entry[1].changes[0]' }, { id: 'entry[1].changes[1]' }] });
  });
});

describe('adaptMeta properties', () => {
  test.prop([fc.jsonValue()])('never throws on any JSON', (value) => {
    expect(() => adaptMeta(value, ctx())).not.toThrow();
  });

  const id = fc.oneof(fc.constant('105519508913397'), fc.string({ maxLength: 210 }));
  const feedValue = fc.record({
    item: fc.constantFrom('comment', 'reaction', 'share', 'status', 'like', 'event'),
    verb: fc.constantFrom('add', 'remove', 'edited', 'edit'),
    from: fc.option(fc.record({ id, name: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }) }), { nil: undefined }),
    post_id: fc.option(id, { nil: undefined }),
    comment_id: fc.option(id, { nil: undefined }),
    parent_id: fc.option(id, { nil: undefined }),
    message: fc.option(fc.string({ unit: 'binary', maxLength: 11_000 }), { nil: undefined }),
    created_time: fc.option(fc.oneof(fc.integer(), fc.double(), fc.string()), { nil: undefined }),
  });
  test.prop([fc.constantFrom('page', 'instagram'), fc.array(feedValue, { maxLength: 5 })])(
    'emits only valid events and unresolved answers from feed-shaped input',
    (object, values) => {
      const field = object === 'page' ? 'feed' : 'comments';
      const result = adaptMeta({ object, entry: [{ id: '105519508913397', time: 1714564800, changes: values.map((value) => ({ field, value })) }] }, ctx());
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      for (const event of result.events) expect(InteractionEventInput.safeParse(event).error).toBeUndefined();
      for (const answer of result.unresolved) expect(InteractionEventInput.safeParse(withMember(answer, { platformId: 'p' })).error).toBeUndefined();
    },
  );
});
