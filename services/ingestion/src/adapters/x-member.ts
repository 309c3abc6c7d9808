import type { MemberInput } from '@rapport/contracts';
import { cleanText, MAX_MEMBER_TEXT } from './platform-text';
import type { XDmUser, XUser } from './x-payload';

/** An X user as a member: id_str, @screen_name, display name and follower count. */
export function xMember(user: XUser): MemberInput {
  return memberOf(user.id_str, user);
}

/** A DM party, completed from the payload's `users` map when it has them. */
export function xDmMember(id: string, known: XDmUser | undefined): MemberInput {
  return memberOf(id, known ?? {});
}

function memberOf(platformId: string, user: { screen_name?: string | undefined; name?: string | undefined; followers_count?: number | undefined }): MemberInput {
  const member: MemberInput = { platformId };
  const handle = cleanText(user.screen_name, MAX_MEMBER_TEXT);
  const displayName = cleanText(user.name, MAX_MEMBER_TEXT);
  if (handle) member.handle = handle;
  if (displayName) member.displayName = displayName;
  if (user.followers_count !== undefined) member.followers = user.followers_count;
  return member;
}
