import type * as z from 'zod';
import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import { githubMember, isBrandSide } from './github-identity';
import type { ForkEvent, MemberEvent, OrganizationEvent, StarEvent, WatchEvent } from './github-payload';
import { eventTime, isoFromDateString } from './platform-time';

// Repository-level acts (platform github):
// - star created → reaction `star:${repo}:${user}` (a star is an appreciation of the brand's
//   work, the closest of the canonical kinds); star deleted → retraction of it.
// - watch started → follow `watch:${repo}:${user}` (GitHub sends no "stopped").
// - fork → share `fork:${fork id}` (the repository spreads to a new place).
// - member added / organization member_added → join, isTeam (a collaborator or org member is on
//   the brand's side); member removed / member_removed → leave.
// Acts by the brand's own accounts are ignored.

type Star = z.infer<typeof StarEvent>;
type Watch = z.infer<typeof WatchEvent>;
type Fork = z.infer<typeof ForkEvent>;
type Member = z.infer<typeof MemberEvent>;
type Organization = z.infer<typeof OrganizationEvent>;

export function adaptStar(event: Star, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const id = `star:${event.repository.id}:${event.sender.id}`;
  if (isBrandSide(event.sender, brand)) return out.ignore(id, 'star by a brand account');
  const base = { platform: 'github' as const, direction: 'inbound' as const, member: githubMember(event.sender), ...repositoryAttribute(event.repository.full_name) };
  if (event.action === 'created') return out.emit({ ...base, id, type: 'reaction', occurredAt: eventTime(receivedAt, isoFromDateString(event.starred_at)) });
  if (event.action === 'deleted') {
    const { attributes: _unused, ...retraction } = base;
    return out.emit({ ...retraction, id: `${id}:retracted`, type: 'retraction', occurredAt: receivedAt.toISOString(), content: { parentId: id } });
  }
  out.ignore(id, `star ${event.action}`);
}

export function adaptWatch(event: Watch, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const id = `watch:${event.repository.id}:${event.sender.id}`;
  if (event.action !== 'started') return out.ignore(id, `watch ${event.action}`);
  if (isBrandSide(event.sender, brand)) return out.ignore(id, 'watch by a brand account');
  out.emit({ id, platform: 'github', type: 'follow', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: githubMember(event.sender), ...repositoryAttribute(event.repository.full_name) });
}

export function adaptFork(event: Fork, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const id = `fork:${event.forkee.id}`;
  if (isBrandSide(event.sender, brand)) return out.ignore(id, 'fork by a brand account');
  const url = event.forkee.html_url;
  out.emit({
    id, platform: 'github', type: 'share', direction: 'inbound',
    occurredAt: eventTime(receivedAt, isoFromDateString(event.forkee.created_at)),
    member: githubMember(event.sender),
    ...(url !== undefined && /^https?:\/\//.test(url) ? { content: { url } } : {}),
    ...repositoryAttribute(event.repository.full_name),
  });
}

export function adaptMembership(event: Member | Organization, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const isOrganization = 'organization' in event;
  const user = isOrganization ? event.membership?.user : event.member;
  const scope = isOrganization ? `org:${event.organization.id}` : `member:${event.repository.id}`;
  if (user === undefined) return out.ignore(scope, `organization ${event.action} without membership`);
  const joined = event.action === (isOrganization ? 'member_added' : 'added');
  const left = event.action === (isOrganization ? 'member_removed' : 'removed');
  const id = `${scope}:${user.id}:${joined ? 'join' : 'leave'}`;
  if (!joined && !left) return out.ignore(`${scope}:${user.id}`, `${isOrganization ? 'organization' : 'member'} ${event.action}`);
  if (brand.has(user.id) || brand.hasName(user.login)) return out.ignore(id, 'membership change of a listed brand account');
  out.emit({ id, platform: 'github', type: joined ? 'join' : 'leave', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: { ...githubMember(user), isTeam: true } });
}

function repositoryAttribute(fullName: string | undefined): { attributes?: { repository: string } } {
  return fullName !== undefined ? { attributes: { repository: fullName } } : {};
}
