import type { MemberInput } from '@rapport/contracts';
import type { BrandAccounts } from './brand-accounts';
import type { GithubUser } from './github-payload';
import { cleanText, MAX_MEMBER_TEXT } from './platform-text';

// GitHub says who speaks for the repository on every issue, comment and pull request:
// author_association OWNER, MEMBER or COLLABORATOR is the brand's side. Stars, watches and forks
// carry no association, so there only the source's listed accounts (ids or logins) count.
const TEAM_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

export function isBrandSide(user: GithubUser, brand: BrandAccounts, association?: string): boolean {
  return (association !== undefined && TEAM_ASSOCIATIONS.has(association)) || brand.has(user.id) || brand.hasName(user.login);
}

/** A GitHub user as a member: the numeric id (stable across renames) and the login as handle. */
export function githubMember(user: GithubUser): MemberInput {
  const handle = cleanText(user.login, MAX_MEMBER_TEXT);
  return { platformId: user.id, ...(handle ? { handle } : {}) };
}
