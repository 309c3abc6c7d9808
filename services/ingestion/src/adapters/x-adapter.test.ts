import { fc, test } from '@fast-check/vitest';
import { InteractionEventInput } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import type { AdapterContext } from './adapter-contract';
import { loadFixture } from './fixture-loader';
import { adaptX } from './x-adapter';

// Fixtures follow "Account Activity data objects" (X developer docs):
// https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/account-activity-data-objects
// Tweet and User objects follow the v1.1 data dictionary:
// https://developer.x.com/en/docs/x-api/v1/data-dictionary/object-model/tweet
const receivedAt = new Date('2024-05-01T12:00:00.000Z');
const ctx = (brandAccountIds: string[] = []): AdapterContext => ({ source: { brandId: 'acme', brandAccountIds }, receivedAt });
const fixture = (name: string) => loadFixture('x', name);

const ada = { platformId: '6253282', handle: 'ada_l', displayName: 'Ada Lovelace', followers: 1288 };
const bob = { platformId: '783214', handle: 'bob_b', displayName: 'Bob Builder', followers: 42 };

describe('adaptX tweet_create_events', () => {
  it('maps replies, retweets, quotes and brand answers; ignores brand posts and unrelated retweets', () => {
    const result = adaptX(fixture('tweet-create-events.json'), ctx(['2244994945']));
    expect(result).toEqual({
      ok: true,
      events: [
        {
          id: '1050119999999000001', platform: 'x', type: 'reply', direction: 'inbound', occurredAt: '2018-10-10T20:25:02.000Z', member: ada,
          content: { text: '@XDevelopers love it, the docs are great', url: 'https://x.com/ada_l/status/1050119999999000001', parentId: '1050118621198921728' },
        },
        {
          id: '1050122222222000004', platform: 'x', type: 'share', direction: 'inbound', occurredAt: '2018-10-10T21:05:00.000Z', member: bob,
          content: { text: 'RT @XDevelopers: We just shipped the v2 Account Activity API!', url: 'https://x.com/bob_b/status/1050122222222000004' },
          attributes: { sharedTweetId: '1050118621198921728' },
        },
        {
          id: '1050123333333000005', platform: 'x', type: 'share', direction: 'inbound', occurredAt: '2018-10-10T21:10:00.000Z', member: ada,
          content: { text: 'This is the one we were waiting for', url: 'https://x.com/ada_l/status/1050123333333000005' },
          attributes: { sharedTweetId: '1050118621198921728' },
        },
        {
          id: '1050124444444000006', platform: 'x', type: 'reply', direction: 'outbound', occurredAt: '2018-10-10T21:15:00.000Z',
          member: { platformId: '6253282', handle: 'ada_l' },
          content: { text: '@ada_l thanks Ada, tell us what you build!', url: 'https://x.com/XDevelopers/status/1050124444444000006', parentId: '1050119999999000001' },
        },
      ],
      ignored: [
        { id: '1050125555555000007', reason: 'brand post (not an interaction with a member)' },
        { id: '1050126666666000008', reason: 'retweet of a tweet not by the brand' },
      ],
      unresolved: [],
    });
  });

  it('maps a tweet mentioning the brand to a mention', () => {
    const result = adaptX(fixture('tweet-create-mention.json'), ctx());
    expect(result.ok && result.events).toEqual([
      {
        id: '1050121111111000003', platform: 'x', type: 'mention', direction: 'inbound', occurredAt: '2018-10-10T21:00:00.000Z', member: bob,
        content: { text: 'Anyone else building on @XDevelopers APIs this weekend?', url: 'https://x.com/bob_b/status/1050121111111000003' },
      },
    ]);
  });

  it('ignores the whole delivery when for_user_id is not one of the source accounts', () => {
    expect(adaptX(fixture('tweet-create-events.json'), ctx(['1111']))).toEqual({
      ok: true, events: [], unresolved: [], ignored: [{ id: '2244994945', reason: 'for_user_id is not an account of this source' }],
    });
  });

  it('falls back on created_at, then the receive time, when timestamp_ms is missing', () => {
    const payload = fixture('tweet-create-mention.json') as { tweet_create_events: Record<string, unknown>[] };
    const tweet = payload.tweet_create_events[0]!;
    delete tweet.timestamp_ms;
    expect(adaptX(payload, ctx())).toMatchObject({ events: [{ occurredAt: '2018-10-10T21:00:00.000Z' }] });
    delete tweet.created_at;
    expect(adaptX(payload, ctx())).toMatchObject({ events: [{ occurredAt: receivedAt.toISOString() }] });
  });
});

describe('adaptX other activities', () => {
  it('maps a like of a brand tweet to a reaction and ignores the brand liking', () => {
    expect(adaptX(fixture('favorite-events.json'), ctx())).toEqual({
      ok: true,
      events: [
        {
          id: '1050118621198921728:fav:6253282', platform: 'x', type: 'reaction', direction: 'inbound', occurredAt: '2018-03-26T16:33:26.140Z',
          member: ada, attributes: { tweetId: '1050118621198921728' },
        },
      ],
      ignored: [{ id: '1050120000000000002:fav:2244994945', reason: 'the brand liked a tweet (outbound reactions are not scored)' }],
      unresolved: [],
    });
  });

  it('maps follows and unfollows of the brand, one id per act', () => {
    expect(adaptX(fixture('follow-events.json'), ctx())).toEqual({
      ok: true,
      events: [{ id: 'follow:783214:1517588749178', platform: 'x', type: 'follow', direction: 'inbound', occurredAt: '2018-02-02T16:25:49.178Z', member: bob }],
      ignored: [{ id: 'follow:2244994945:1517588800000', reason: "the brand's own follow (outbound follows are not scored)" }],
      unresolved: [],
    });
    expect(adaptX(fixture('unfollow-events.json'), ctx())).toMatchObject({
      events: [{ id: 'unfollow:783214:1517588749178', type: 'unfollow', direction: 'inbound', member: bob }],
    });
  });

  it('maps direct messages both ways, with the member from the users map', () => {
    const jordan = { platformId: '3001969357', handle: 'furiouscamper', displayName: 'Jordan Brinks', followers: 22 };
    expect(adaptX(fixture('direct-message-events.json'), ctx())).toEqual({
      ok: true,
      events: [
        { id: '954491830116155396', platform: 'x', type: 'message', direction: 'inbound', occurredAt: '2018-01-19T23:12:40.557Z', member: jordan, content: { text: 'Hello World!' } },
      ],
      ignored: [],
      unresolved: [],
    });
    expect(adaptX(fixture('direct-message-outbound.json'), ctx())).toMatchObject({
      events: [{ id: '954491830116155397', type: 'message', direction: 'outbound', member: jordan, content: { text: 'Hi Jordan, how can we help?' } }],
    });
  });

  it("retracts a member's deleted tweet and ignores the brand's", () => {
    expect(adaptX(fixture('tweet-delete-events.json'), ctx())).toEqual({
      ok: true,
      events: [
        {
          id: '1045405559317569538:deleted', platform: 'x', type: 'retraction', direction: 'inbound', occurredAt: '2015-05-21T17:09:20.000Z',
          member: { platformId: '6253282' }, content: { parentId: '1045405559317569538' },
        },
      ],
      ignored: [{ id: '1045405559317569537:deleted', reason: 'deleted brand tweet (the member it addressed is unknown)' }],
      unresolved: [],
    });
  });

  it('acknowledges irrelevant kinds as ignored', () => {
    expect(adaptX(fixture('block-events.json'), ctx())).toEqual({
      ok: true, events: [], unresolved: [], ignored: [{ id: 'block_events', reason: 'block_events say nothing about the relationship' }],
    });
  });
});

describe('adaptX malformed input', () => {
  it('rejects a payload without for_user_id or with a non-list activity', () => {
    expect(adaptX({ tweet_create_events: [] }, ctx())).toMatchObject({ ok: false, reason: 'malformed_payload', issues: [{ path: 'for_user_id' }] });
    expect(adaptX({ for_user_id: '1', favorite_events: {} }, ctx())).toMatchObject({ ok: false, reason: 'malformed_payload', issues: [{ path: 'favorite_events' }] });
    for (const garbage of [null, 42, 'x', [], true]) expect(adaptX(garbage, ctx()).ok).toBe(false);
  });

  it('ignores one malformed item and keeps its neighbours', () => {
    const payload = fixture('tweet-create-mention.json') as { tweet_create_events: unknown[] };
    payload.tweet_create_events.unshift({ id_str: 'no-user' });
    const result = adaptX(payload, ctx());
    expect(result).toMatchObject({ ok: true, events: [{ id: '1050121111111000003' }], ignored: [{ id: 'tweet_create_events[0]' }] });
    expect(result.ok && result.ignored[0]?.reason).toMatch(/^malformed: user /);
  });
});

describe('adaptX properties', () => {
  test.prop([fc.jsonValue()])('never throws on any JSON', (value) => {
    expect(() => adaptX(value, ctx())).not.toThrow();
  });

  test.prop([
    fc.record({
      for_user_id: fc.constantFrom('2244994945', '1'),
      tweet_create_events: fc.array(fc.anything(), { maxLength: 3 }),
      favorite_events: fc.array(fc.anything(), { maxLength: 3 }),
      follow_events: fc.array(fc.anything(), { maxLength: 3 }),
      direct_message_events: fc.array(fc.anything(), { maxLength: 3 }),
      tweet_delete_events: fc.array(fc.anything(), { maxLength: 3 }),
    }),
  ])('never throws on random items, and every event it emits is a valid InteractionEventInput', (value) => {
    const result = adaptX(value, ctx());
    expect(result.ok).toBe(true);
    if (result.ok) for (const event of result.events) expect(InteractionEventInput.safeParse(event).success).toBe(true);
  });

  const brandId = '2244994945';
  const user = fc.record({
    id_str: fc.oneof(fc.constant(brandId), fc.string({ maxLength: 220 })),
    screen_name: fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: undefined }),
    name: fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: undefined }),
    followers_count: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
  });
  const tweet = fc.record({
    id_str: fc.string({ maxLength: 220 }),
    timestamp_ms: fc.option(fc.oneof(fc.string(), fc.integer(), fc.double()), { nil: undefined }),
    created_at: fc.option(fc.string(), { nil: undefined }),
    text: fc.string({ unit: 'binary', maxLength: 12_000 }),
    user,
    in_reply_to_user_id_str: fc.option(fc.constantFrom(brandId, '6253282', ''), { nil: undefined }),
    in_reply_to_status_id_str: fc.option(fc.string({ maxLength: 220 }), { nil: undefined }),
    entities: fc.record({ user_mentions: fc.array(fc.record({ id_str: fc.constantFrom(brandId, '5') }), { maxLength: 2 }) }),
  });
  test.prop([fc.array(tweet, { minLength: 1, maxLength: 4 })])('emits only valid events from tweet-shaped input, whatever the strings hold', (tweets) => {
    const result = adaptX({ for_user_id: brandId, tweet_create_events: tweets }, ctx());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events.length + result.ignored.length).toBe(tweets.length);
    for (const event of result.events) expect(InteractionEventInput.safeParse(event).error).toBeUndefined();
  });
});
