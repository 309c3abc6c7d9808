import { createHash } from 'node:crypto';
import type { BrandId, EmailHash, SourceId } from './identifiers';
import type { InteractionEvent, InteractionEventInput, Member } from './interaction';

/** Hex SHA-256 of the trimmed, lower-cased email address (`member.emailHash`). */
export function emailHashOf(email: string): EmailHash {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
}

export interface IngestionContext {
  brandId: BrandId;
  sourceId: SourceId;
  receivedAt: string;
}

/**
 * The canonical event for a validated sender event: ingestion's fields added, a raw email turned
 * into `emailHash` (a raw email wins over a sent hash), and for `platform: email` the hash as
 * `platformId`, so that no raw address leaves ingestion.
 */
export function toInteractionEvent(input: InteractionEventInput, ctx: IngestionContext): InteractionEvent {
  const { email, ...memberRest } = input.member;
  const emailHash = email !== undefined ? emailHashOf(email) : memberRest.emailHash;
  const member: Member = { ...memberRest };
  if (emailHash !== undefined) member.emailHash = emailHash;
  // TRICKY: the input schema guarantees an email or a hash for `platform: email`; the sender's
  // platformId (possibly the address itself) is replaced either way.
  if (input.platform === 'email' && emailHash !== undefined) member.platformId = emailHash;
  return { ...input, brandId: ctx.brandId, sourceId: ctx.sourceId, receivedAt: ctx.receivedAt, member };
}
