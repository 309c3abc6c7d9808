import { fc, test } from '@fast-check/vitest';
import { InteractionEventInput } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { normalizeMember } from '../normalize/email-hash';
import type { AdapterContext } from './adapter-contract';
import { adaptDiscourse } from './discourse-adapter';
import { loadFixture } from './fixture-loader';

// Fixtures follow Discourse's webhook payloads ("Setting up webhooks",
// https://meta.discourse.org/t/setting-up-webhooks/49045): a `post` serialized by
// WebHookPostSerializer, a `user` by WebHookUserSerializer, a `like` by WebHookLikeSerializer
// ({post, user}), a `topic` by WebHookTopicViewSerializer.
const receivedAt = new Date('2024-05-01T12:00:00.000Z');
const ctx = (eventName: string | undefined, brandAccountIds: string[] = []): AdapterContext => ({ source: { brandId: 'acme', brandAccountIds }, receivedAt, eventName, deliveryId: '4711' });
const adapt = (eventName: string, name: string, accounts: string[] = []) => {
  const result = adaptDiscourse(loadFixture('discourse', name), ctx(eventName, accounts));
  if (!result.ok) throw new Error(`expected ok for ${name}`);
  return result;
};
const alice = { platformId: '101', handle: 'alice', displayName: 'Alice Example' };
const bob = { platformId: '102', handle: 'bob', displayName: 'Bob Example' };

describe('adaptDiscourse posts', () => {
  it('maps the first post of a topic to a comment', () => {
    expect(adapt('post_created', 'post-created-topic.json').events).toEqual([
      {
        id: 'post:812:1', platform: 'discourse', type: 'comment', direction: 'inbound', occurredAt: '2024-04-30T09:00:00.000Z', member: alice,
        content: { text: 'Our webhooks stopped firing after the upgrade.', threadId: 'post:812:1' },
      },
    ]);
  });

  it('maps a reply to a post to a reply naming it, and other posts to comments in the thread', () => {
    expect(adapt('post_created', 'post-created-reply.json').events).toEqual([
      {
        id: 'post:812:2', platform: 'discourse', type: 'reply', direction: 'inbound', occurredAt: '2024-04-30T09:10:00.000Z', member: bob,
        content: { text: 'Same here since Tuesday.', threadId: 'post:812:1', parentId: 'post:812:1' },
      },
    ]);
    expect(adapt('post_created', 'post-created-in-topic.json').events).toEqual([
      { id: 'post:812:3', platform: 'discourse', type: 'comment', direction: 'inbound', occurredAt: '2024-04-30T11:00:00.000Z', member: bob, content: { text: 'Any news on this?', threadId: 'post:812:1' } },
    ]);
  });

  it('hands back a staff reply unresolved, naming the post it answers', () => {
    expect(adapt('post_created', 'post-created-staff-reply.json')).toEqual({
      ok: true, events: [], ignored: [],
      unresolved: [
        {
          answersId: 'post:812:2',
          event: {
            id: 'post:812:4', platform: 'discourse', type: 'reply', direction: 'outbound', occurredAt: '2024-04-30T12:00:00.000Z',
            content: { text: 'Fixed in 3.2.1, please upgrade.', threadId: 'post:812:1', parentId: 'post:812:2' },
          },
        },
      ],
    });
  });

  it('treats accounts the source lists as staff, by id or username', () => {
    expect(adapt('post_created', 'post-created-in-topic.json', ['102']).unresolved).toMatchObject([{ answersId: 'post:812:1', event: { id: 'post:812:3', direction: 'outbound' } }]);
    expect(adapt('post_created', 'post-created-in-topic.json', ['Bob']).unresolved).toHaveLength(1);
  });

  it('ignores topics opened by staff and non-regular posts; maps private messages to messages', () => {
    expect(adapt('post_created', 'post-created-staff-topic.json').ignored).toEqual([{ id: 'post:813:1', reason: 'topic opened by staff' }]);
    expect(adapt('post_created', 'post-created-small-action.json').ignored).toEqual([{ id: 'post:812:5', reason: 'post type 3 (not a regular post)' }]);
    expect(adapt('post_created', 'post-created-private-message.json').events).toMatchObject([{ id: 'post:900:1', type: 'message', direction: 'inbound', member: alice }]);
  });

  it('maps a destroyed post to the retraction of its event', () => {
    expect(adapt('post_destroyed', 'post-destroyed.json').events).toEqual([
      { id: 'post:812:3:retracted', platform: 'discourse', type: 'retraction', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: bob, content: { parentId: 'post:812:3' } },
    ]);
  });
});

describe('adaptDiscourse users, likes, other events', () => {
  it('maps a new user to a join carrying the email, which normalization hashes', () => {
    const result = adapt('user_created', 'user-created.json');
    expect(result.events).toEqual([
      {
        id: 'user:103:join', platform: 'discourse', type: 'join', direction: 'inbound', occurredAt: '2024-04-30T15:00:00.000Z',
        member: { platformId: '103', handle: 'carol', displayName: 'Carol Example', email: 'Carol@Example.org' },
      },
    ]);
    const member = normalizeMember(result.events[0]!.member, 'discourse');
    expect(member.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(member)).not.toContain('Example.org');
  });

  it('maps a like to a reaction', () => {
    expect(adapt('post_liked', 'post-liked.json').events).toEqual([
      { id: 'post:812:1:like:102', platform: 'discourse', type: 'reaction', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: bob, content: { threadId: 'post:812:1' } },
    ]);
  });

  it('ignores topic_created and events that are not interactions', () => {
    expect(adapt('topic_created', 'topic-created.json').ignored).toEqual([{ id: '4711', reason: 'topic_created (its first post arrives as post_created)' }]);
    expect(adapt('post_edited', 'post-created-topic.json').ignored).toEqual([{ id: '4711', reason: 'post_edited is not a relationship interaction' }]);
  });

  it('rejects a delivery without event name or object body; ignores a body without the expected object', () => {
    expect(adaptDiscourse(loadFixture('discourse', 'post-created-topic.json'), ctx(undefined))).toMatchObject({ ok: false, reason: 'missing_event_name' });
    expect(adaptDiscourse('x', ctx('post_created'))).toMatchObject({ ok: false, reason: 'malformed_payload' });
    expect(adaptDiscourse({ topic: {} }, ctx('post_created'))).toMatchObject({ ok: true, events: [], ignored: [{ id: '4711' }] });
  });
});

describe('adaptDiscourse properties', () => {
  const names = fc.constantFrom('post_created', 'post_destroyed', 'user_created', 'post_liked', 'topic_created', 'anything');
  test.prop([names, fc.jsonValue()])('never throws on any JSON', (name, value) => {
    expect(() => adaptDiscourse(value, ctx(name))).not.toThrow();
  });

  const post = fc.record({
    id: fc.nat(), user_id: fc.oneof(fc.nat(), fc.string({ maxLength: 210 })), username: fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: undefined }),
    name: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }), post_number: fc.integer({ min: 1, max: 1e6 }),
    reply_to_post_number: fc.option(fc.integer({ min: 1, max: 1e6 }), { nil: null }), topic_id: fc.nat(), post_type: fc.constantFrom(1, 2, 3, 4),
    raw: fc.option(fc.string({ unit: 'binary', maxLength: 11_000 }), { nil: undefined }), staff: fc.boolean(), topic_archetype: fc.constantFrom('regular', 'private_message'),
    created_at: fc.option(fc.string(), { nil: undefined }),
  });
  const body = fc.record({
    post,
    user: fc.record({ id: fc.nat(), username: fc.string({ maxLength: 30 }), email: fc.oneof(fc.emailAddress(), fc.string()), created_at: fc.string() }),
    like: fc.record({ post, user: fc.record({ id: fc.nat(), username: fc.string({ maxLength: 30 }) }) }),
  });
  test.prop([names, body])('emits only valid events and answers from payload-shaped input', (name, value) => {
    const result = adaptDiscourse(value, ctx(name));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const e of result.events) expect(InteractionEventInput.safeParse(e).error).toBeUndefined();
    for (const a of result.unresolved) expect(InteractionEventInput.safeParse({ ...a.event, member: { platformId: 'p' } }).error).toBeUndefined();
  });
});
