import * as z from 'zod';
import { Attributes } from './attributes';
import { BrandId, EmailHash, EventId, PlatformId, SourceId } from './identifiers';
import { boundedText } from './text';
import { Timestamp } from './timestamp';

export const Platform = z.enum([
  'x', 'instagram', 'facebook', 'linkedin', 'youtube', 'tiktok', 'reddit', 'discord', 'slack',
  'discourse', 'github', 'email', 'web', 'store', 'custom',
]);
export type Platform = z.infer<typeof Platform>;

export const InteractionType = z.enum([
  'follow', 'unfollow', 'join', 'leave', 'reaction', 'comment', 'reply', 'share', 'mention',
  'message', 'review', 'referral', 'conversion', 'retraction',
]);
export type InteractionType = z.infer<typeof InteractionType>;

/** `inbound`: the member acted toward the brand; `outbound`: the brand acted toward the member. */
export const Direction = z.enum(['inbound', 'outbound']);
export type Direction = z.infer<typeof Direction>;

export const Member = z.object({
  platformId: PlatformId,
  handle: boundedText(200).optional(),
  displayName: boundedText(200).optional(),
  // z.int() is a safe integer: 2^53 and above are rejected, never rounded.
  followers: z.int().min(0).optional(),
  emailHash: EmailHash.optional(),
  isTeam: z.boolean().optional(),
});
export type Member = z.infer<typeof Member>;

/** What a sender may say about the member: the canonical member plus a raw `email`. */
export const MemberInput = Member.extend({
  email: z.email().max(320).optional(),
});
export type MemberInput = z.infer<typeof MemberInput>;

export const Content = z.object({
  text: boundedText(10_000).optional(),
  // NOTE: http(s) only — these links end up in a dashboard, where `javascript:` would be a hole.
  url: z.url({ protocol: /^https?$/ }).max(2_048).optional(),
  threadId: EventId.optional(),
  parentId: EventId.optional(),
  rating: z.int().min(1).max(5).optional(),
});
export type Content = z.infer<typeof Content>;

export const Conversion = z.object({
  // Capped at the largest safe integer so that sums over many conversions stay finite.
  value: z.number().min(0).max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code (3 upper-case letters)'),
  orderId: boundedText(200, 1).optional(),
});
export type Conversion = z.infer<typeof Conversion>;

export const Referral = z.object({
  referredPlatformId: PlatformId.optional(),
});
export type Referral = z.infer<typeof Referral>;

/** The fields a sender controls; shared by the HTTP input and the Kafka payload. */
const senderFields = {
  id: EventId,
  platform: Platform,
  type: InteractionType,
  direction: Direction,
  occurredAt: Timestamp,
  content: Content.optional(),
  conversion: Conversion.optional(),
  referral: Referral.optional(),
  attributes: Attributes.optional(),
};

interface RuleView {
  type?: unknown;
  platform?: unknown;
  member?: { emailHash?: unknown; email?: unknown } | undefined;
  content?: { parentId?: unknown } | undefined;
  conversion?: unknown;
  referral?: unknown;
}

// Rules across fields. They also run when a field failed (`when` below), so that a 400 lists every
// failing path at once; hence the defensive reads.
function checkRules(event: RuleView, ctx: z.RefinementCtx): void {
  const { type } = event;
  if (type === 'conversion' && event.conversion === undefined) {
    ctx.addIssue({ code: 'custom', path: ['conversion'], message: 'required when type is conversion' });
  }
  if (type !== 'conversion' && event.conversion !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['conversion'], message: 'allowed only when type is conversion' });
  }
  if (type !== 'referral' && event.referral !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['referral'], message: 'allowed only when type is referral' });
  }
  if (type === 'retraction' && event.content?.parentId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['content', 'parentId'], message: 'required when type is retraction (the event withdrawn)' });
  }
  if (event.platform === 'email' && event.member?.emailHash === undefined && event.member?.email === undefined) {
    ctx.addIssue({ code: 'custom', path: ['member', 'emailHash'], message: 'platform email needs member.email or member.emailHash' });
  }
}

// The same rules for JSON Schema readers (zod cannot derive them from a refinement).
const onType = (type: string) => ({ properties: { type: { const: type } }, required: ['type'] });
function rulesAsJsonSchema(emailIdentity: object) {
  return {
    allOf: [
      { if: onType('conversion'), then: { required: ['conversion'] }, else: { not: { required: ['conversion'] } } },
      { if: onType('referral'), else: { not: { required: ['referral'] } } },
      { if: onType('retraction'), then: { required: ['content'], properties: { content: { type: 'object', required: ['parentId'] } } } },
      { if: { properties: { platform: { const: 'email' } }, required: ['platform'] }, then: { properties: { member: { type: 'object', ...emailIdentity } } } },
    ],
  };
}

const isObject = (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null;

/**
 * The canonical event on `interactions.v1`. Readers are tolerant: unknown fields are stripped
 * (ignored, never rejected and never passed on), so adding an optional field is not breaking.
 */
export const InteractionEvent = z
  .object({
    ...senderFields,
    brandId: BrandId,
    sourceId: SourceId,
    receivedAt: Timestamp,
    member: Member,
  })
  .superRefine(checkRules, { when: isObject })
  .meta({
    id: 'InteractionEvent',
    title: 'InteractionEvent',
    description: 'One interaction between a brand and a community member (interactions.v1).',
    ...rulesAsJsonSchema({ required: ['emailHash'] }),
  });
export type InteractionEvent = z.infer<typeof InteractionEvent>;

/**
 * One event as a sender posts it to `POST /v1/sources/{sourceId}/events`: an InteractionEvent
 * without `brandId`, `sourceId`, `receivedAt` (ingestion sets them), whose member may carry a raw
 * `email`. Unknown fields are stripped, not rejected: a sender on a newer contract still gets
 * through, and nothing unvalidated is stored or published. In particular a `brandId` in the
 * payload is dropped, never trusted.
 */
export const InteractionEventInput = z
  .object({ ...senderFields, member: MemberInput })
  .superRefine(checkRules, { when: isObject })
  .meta({
    id: 'InteractionEventInput',
    title: 'InteractionEventInput',
    description: 'One event as posted by a sender to POST /v1/sources/{sourceId}/events.',
    ...rulesAsJsonSchema({ anyOf: [{ required: ['emailHash'] }, { required: ['email'] }] }),
  });
export type InteractionEventInput = z.infer<typeof InteractionEventInput>;
