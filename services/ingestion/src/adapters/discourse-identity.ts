import type { MemberInput } from '@rapport/contracts';
import * as z from 'zod';
import type { BrandAccounts } from './brand-accounts';
import { cleanText, MAX_MEMBER_TEXT } from './platform-text';

// Discourse members are keyed by the numeric user id (stable across username changes). Staff
// (admin, moderator, or an account the source lists by id or username) are the brand's side.

const Email = z.email().max(320);

export function isDiscourseStaff(person: { user_id?: string; id?: string; username?: string | undefined; staff?: boolean | undefined; admin?: boolean | undefined; moderator?: boolean | undefined }, brand: BrandAccounts): boolean {
  return person.staff === true || person.admin === true || person.moderator === true || brand.has(person.user_id ?? person.id) || brand.hasName(person.username);
}

/** The member; a user's email (sent in user events) is kept raw here and hashed by normalizeMember. */
export function discourseMember(userId: string, person: { username?: string | undefined; name?: string | undefined; email?: string | undefined }): MemberInput {
  const handle = cleanText(person.username, MAX_MEMBER_TEXT);
  const displayName = cleanText(person.name, MAX_MEMBER_TEXT);
  const email = Email.safeParse(person.email);
  return {
    platformId: userId,
    ...(handle ? { handle } : {}),
    ...(displayName ? { displayName } : {}),
    ...(email.success ? { email: email.data } : {}),
  };
}
