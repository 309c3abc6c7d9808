import { fc, test } from '@fast-check/vitest';
import { InteractionEventInput } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import type { AdapterContext } from './adapter-contract';
import { loadFixture } from './fixture-loader';
import { adaptGithub } from './github-adapter';

// Fixtures follow "Webhook events and payloads" (GitHub docs):
// https://docs.github.com/en/webhooks/webhook-events-and-payloads — star, watch, fork, issues,
// issue_comment, pull_request, discussion, discussion_comment, member, organization, ping.
const receivedAt = new Date('2024-05-01T12:00:00.000Z');
const ctx = (eventName: string | undefined, brandAccountIds: string[] = []): AdapterContext => ({
  source: { brandId: 'acme', brandAccountIds }, receivedAt, eventName, deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
});
const adapt = (eventName: string, name: string, accounts: string[] = []) => {
  const result = adaptGithub(loadFixture('github', name), ctx(eventName, accounts));
  if (!result.ok) throw new Error(`expected ok for ${name}`);
  return result;
};

const REPO = '186853002';
const octo = { platformId: '5550001', handle: 'octocat-fan' };
const mona = { platformId: '5550002', handle: 'mona' };

describe('adaptGithub repository activity', () => {
  it('maps a star to a reaction and its removal to a retraction', () => {
    expect(adapt('star', 'star-created.json').events).toEqual([
      { id: `star:${REPO}:5550001`, platform: 'github', type: 'reaction', direction: 'inbound', occurredAt: '2024-04-30T09:00:00.000Z', member: octo, attributes: { repository: 'acme/widgets' } },
    ]);
    expect(adapt('star', 'star-deleted.json').events).toEqual([
      {
        id: `star:${REPO}:5550001:retracted`, platform: 'github', type: 'retraction', direction: 'inbound', occurredAt: receivedAt.toISOString(),
        member: octo, content: { parentId: `star:${REPO}:5550001` },
      },
    ]);
  });

  it('maps watch to follow and fork to share', () => {
    expect(adapt('watch', 'watch-started.json').events).toEqual([
      { id: `watch:${REPO}:5550002`, platform: 'github', type: 'follow', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: mona, attributes: { repository: 'acme/widgets' } },
    ]);
    expect(adapt('fork', 'fork.json').events).toEqual([
      {
        id: 'fork:987654321', platform: 'github', type: 'share', direction: 'inbound', occurredAt: '2024-04-30T09:30:00.000Z', member: mona,
        content: { url: 'https://github.com/mona/widgets' }, attributes: { repository: 'acme/widgets' },
      },
    ]);
  });

  it('maps collaborators and organization members joining to team joins', () => {
    expect(adapt('member', 'member-added.json').events).toEqual([
      { id: `member:${REPO}:5550002:join`, platform: 'github', type: 'join', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: { ...mona, isTeam: true } },
    ]);
    expect(adapt('organization', 'organization-member-added.json').events).toEqual([
      { id: 'org:90000001:5550002:join', platform: 'github', type: 'join', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: { ...mona, isTeam: true } },
    ]);
  });

  it('ignores acts of listed brand accounts, by id or login', () => {
    expect(adapt('star', 'star-created.json', ['5550001']).ignored).toEqual([{ id: `star:${REPO}:5550001`, reason: 'star by a brand account' }]);
    expect(adapt('watch', 'watch-started.json', ['MONA']).ignored).toEqual([{ id: `watch:${REPO}:5550002`, reason: 'watch by a brand account' }]);
  });
});

describe('adaptGithub issues, pull requests and discussions', () => {
  it('maps an opened issue to a comment and ignores one opened by the team', () => {
    expect(adapt('issues', 'issues-opened.json').events).toEqual([
      {
        id: `${REPO}#42`, platform: 'github', type: 'comment', direction: 'inbound', occurredAt: '2024-04-30T08:00:00.000Z', member: octo,
        content: { text: 'Crash on empty config\n\nRunning `widgets init` with an empty file throws.', url: 'https://github.com/acme/widgets/issues/42', threadId: `${REPO}#42` },
        attributes: { kind: 'issue' },
      },
    ]);
    expect(adapt('issues', 'issues-opened-by-staff.json')).toMatchObject({ events: [], ignored: [{ id: `${REPO}#43`, reason: "issue opened by the brand's side" }] });
    expect(adapt('issues', 'issues-deleted.json').events).toMatchObject([{ id: `${REPO}#42:retracted`, type: 'retraction', content: { parentId: `${REPO}#42` } }]);
  });

  it("maps a member's comment, and the team's comment as the answer to the issue author", () => {
    expect(adapt('issue_comment', 'issue-comment-created.json').events).toEqual([
      {
        id: 'issue_comment:2000000001', platform: 'github', type: 'comment', direction: 'inbound', occurredAt: '2024-04-30T08:10:00.000Z', member: mona,
        content: { text: 'I can reproduce this on 1.4 too.', url: 'https://github.com/acme/widgets/issues/42#issuecomment-2000000001', threadId: `${REPO}#42` },
      },
    ]);
    expect(adapt('issue_comment', 'issue-comment-by-staff.json').events).toEqual([
      {
        id: 'issue_comment:2000000002', platform: 'github', type: 'reply', direction: 'outbound', occurredAt: '2024-04-30T08:20:00.000Z', member: octo,
        content: { text: 'Thanks! Fixed in #44, will ship in 1.5.', url: 'https://github.com/acme/widgets/issues/42#issuecomment-2000000002', threadId: `${REPO}#42`, parentId: `${REPO}#42` },
      },
    ]);
    expect(adapt('issue_comment', 'issue-comment-deleted.json').events).toEqual([
      {
        id: 'issue_comment:2000000001:retracted', platform: 'github', type: 'retraction', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: mona,
        content: { parentId: 'issue_comment:2000000001' },
      },
    ]);
  });

  it('maps an opened pull request to a comment marked as a pull request', () => {
    expect(adapt('pull_request', 'pull-request-opened.json').events).toEqual([
      {
        id: `${REPO}#44`, platform: 'github', type: 'comment', direction: 'inbound', occurredAt: '2024-04-30T09:45:00.000Z', member: mona,
        content: { text: 'Handle empty config files\n\nFixes #42.', url: 'https://github.com/acme/widgets/pull/44', threadId: `${REPO}#44` },
        attributes: { kind: 'pull_request' },
      },
    ]);
  });

  it('maps discussions, replies, and hands back a team reply to a comment unresolved', () => {
    const thread = `${REPO}:discussion:90`;
    expect(adapt('discussion', 'discussion-created.json').events).toMatchObject([{ id: thread, type: 'comment', member: octo, attributes: { kind: 'discussion' } }]);
    expect(adapt('discussion_comment', 'discussion-comment-created.json').events).toEqual([
      {
        id: 'discussion_comment:5000000001', platform: 'github', type: 'comment', direction: 'inbound', occurredAt: '2024-04-30T10:05:00.000Z', member: mona,
        content: { text: 'Set `retries: 3` in widgets.yml.', url: 'https://github.com/acme/widgets/discussions/90#discussioncomment-5000000001', threadId: thread },
      },
    ]);
    expect(adapt('discussion_comment', 'discussion-comment-reply.json').events).toMatchObject([
      { id: 'discussion_comment:5000000002', type: 'reply', direction: 'inbound', member: octo, content: { parentId: 'discussion_comment:5000000001', threadId: thread } },
    ]);
    expect(adapt('discussion_comment', 'discussion-comment-staff-reply.json')).toEqual({
      ok: true, events: [], ignored: [],
      unresolved: [
        {
          answersId: 'discussion_comment:5000000001',
          event: {
            id: 'discussion_comment:5000000003', platform: 'github', type: 'reply', direction: 'outbound', occurredAt: '2024-04-30T10:12:00.000Z',
            content: { text: 'Correct, and 2.0 will default to 3.', url: 'https://github.com/acme/widgets/discussions/90#discussioncomment-5000000003', threadId: thread, parentId: 'discussion_comment:5000000001' },
          },
        },
      ],
    });
  });
});

describe('adaptGithub envelopes', () => {
  it('ignores events that are not interactions, ping included', () => {
    expect(adapt('ping', 'ping.json')).toEqual({ ok: true, events: [], unresolved: [], ignored: [{ id: '72d3162e-cc78-11e3-81ab-4c9367dc0958', reason: 'ping events are not relationship interactions' }] });
    expect(adapt('push', 'ping.json').ignored[0]?.reason).toBe('push events are not relationship interactions');
  });

  it('rejects a delivery without event name and a body that is not an object', () => {
    expect(adaptGithub(loadFixture('github', 'star-created.json'), ctx(undefined))).toMatchObject({ ok: false, reason: 'missing_event_name' });
    expect(adaptGithub([], ctx('star'))).toMatchObject({ ok: false, reason: 'malformed_payload' });
  });

  it('ignores a payload that does not have the fields of its event', () => {
    expect(adaptGithub({ action: 'created' }, ctx('star'))).toMatchObject({ ok: true, events: [], ignored: [{ id: '72d3162e-cc78-11e3-81ab-4c9367dc0958' }] });
  });
});

describe('adaptGithub properties', () => {
  const names = fc.constantFrom('star', 'watch', 'fork', 'issues', 'issue_comment', 'pull_request', 'discussion', 'discussion_comment', 'member', 'organization', 'push');
  test.prop([names, fc.jsonValue()])('never throws on any JSON', (name, value) => {
    expect(() => adaptGithub(value, ctx(name))).not.toThrow();
  });

  const user = fc.record({ id: fc.oneof(fc.nat(), fc.string({ maxLength: 210 })), login: fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: undefined }) });
  const thread = fc.record({
    id: fc.nat(), number: fc.nat(), title: fc.string({ unit: 'binary', maxLength: 300 }), body: fc.option(fc.string({ unit: 'binary', maxLength: 11_000 }), { nil: undefined }), user,
    html_url: fc.option(fc.oneof(fc.webUrl(), fc.string()), { nil: undefined }), created_at: fc.option(fc.string(), { nil: undefined }),
    author_association: fc.constantFrom('NONE', 'MEMBER', 'OWNER', 'CONTRIBUTOR'),
  });
  const payload = fc.record({
    action: fc.constantFrom('created', 'opened', 'deleted', 'started', 'added', 'member_added'),
    sender: user, repository: fc.record({ id: fc.nat(), full_name: fc.string({ maxLength: 120 }) }),
    issue: thread, discussion: thread, pull_request: thread,
    comment: fc.record({ id: fc.nat(), body: fc.string({ unit: 'binary', maxLength: 11_000 }), user, author_association: fc.constantFrom('NONE', 'MEMBER'), parent_id: fc.option(fc.nat(), { nil: undefined }) }),
    forkee: fc.record({ id: fc.nat(), html_url: fc.option(fc.oneof(fc.webUrl(), fc.string()), { nil: undefined }) }),
    member: user, organization: fc.record({ id: fc.nat() }), membership: fc.record({ user }),
  });
  test.prop([names, payload])('emits only valid events from event-shaped input', (name, value) => {
    const result = adaptGithub(value, ctx(name));
    expect(result.ok).toBe(true);
    if (result.ok) for (const e of result.events) expect(InteractionEventInput.safeParse(e).error).toBeUndefined();
  });
});
