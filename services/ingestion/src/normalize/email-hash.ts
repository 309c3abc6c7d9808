import { createHash } from 'node:crypto';
import type { Member, MemberInput, Platform } from '@rapport/contracts';

/** Hex SHA-256 of the trimmed, lower-cased address: the only form an email leaves ingestion in. */
export function emailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
}

/**
 * The canonical member of a sender's member: a raw `email` becomes `emailHash` (a given
 * `emailHash` is kept when there is no email), and for platform `email` the platformId becomes
 * that hash. The result is a new object built field by field, so the raw address cannot survive
 * in it, not even under a key nobody looks at.
 */
export function normalizeMember(member: MemberInput, platform: Platform): Member {
  const hash = member.email !== undefined ? emailHash(member.email) : member.emailHash;
  const out: Member = { platformId: platform === 'email' && hash !== undefined ? hash : member.platformId };
  if (member.handle !== undefined) out.handle = member.handle;
  if (member.displayName !== undefined) out.displayName = member.displayName;
  if (member.followers !== undefined) out.followers = member.followers;
  if (hash !== undefined) out.emailHash = hash;
  if (member.isTeam !== undefined) out.isTeam = member.isTeam;
  return out;
}
