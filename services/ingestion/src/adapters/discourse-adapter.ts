import type * as z from 'zod';
import { Adaptation, rejectPayload } from './adaptation';
import type { AdapterContext, AdapterResult } from './adapter-contract';
import { BrandAccounts } from './brand-accounts';
import { discourseMember, isDiscourseStaff } from './discourse-identity';
import { LikePayload, PostPayload, UserPayload } from './discourse-payload';
import { adaptDiscoursePost, adaptDiscoursePostDeletion, discoursePostId } from './discourse-posts';
import { eventTime, isoFromDateString } from './platform-time';

// Discourse webhooks → canonical events. The event name is the X-Discourse-Event header
// (ctx.eventName); without it the body cannot be interpreted and is rejected.
// - post_created → discourse-posts; post_destroyed → retraction; post_edited/post_recovered → ignored.
// - topic_created → ignored: its first post arrives as post_created and is the interaction.
// - user_created → join (`user:${id}:join`), with the email the payload carries (hashed downstream).
// - post_liked → reaction `${post id}:like:${user}`.

export function adaptDiscourse(payload: unknown, ctx: AdapterContext): AdapterResult {
  const name = ctx.eventName;
  if (name === undefined || name === '') return rejectPayload('missing_event_name', undefined, 'the X-Discourse-Event header is required');
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return rejectPayload('malformed_payload', undefined, 'the body must be a JSON object');
  }
  const out = new Adaptation();
  const brand = new BrandAccounts(ctx.source);
  const { receivedAt } = ctx;
  const locator = ctx.deliveryId ?? name;
  const on = <S extends z.ZodType>(schema: S, map: (value: z.infer<S>) => void): void => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) map(parsed.data);
    else out.ignoreMalformed(locator, parsed.error);
  };

  switch (name) {
    case 'post_created':
      on(PostPayload, ({ post }) => adaptDiscoursePost(post, brand, receivedAt, out));
      break;
    case 'post_destroyed':
      on(PostPayload, ({ post }) => adaptDiscoursePostDeletion(post, brand, receivedAt, out));
      break;
    case 'user_created':
      on(UserPayload, ({ user }) => {
        const id = `user:${user.id}:join`;
        if (isDiscourseStaff(user, brand)) return out.ignore(id, 'staff account created');
        out.emit({
          id, platform: 'discourse', type: 'join', direction: 'inbound',
          occurredAt: eventTime(receivedAt, isoFromDateString(user.created_at)), member: discourseMember(user.id, user),
        });
      });
      break;
    case 'post_liked':
      on(LikePayload, ({ like }) => {
        const post = discoursePostId(like.post.topic_id, like.post.post_number);
        const id = `${post}:like:${like.user.id}`;
        if (brand.has(like.user.id) || brand.hasName(like.user.username)) return out.ignore(id, 'like by a staff account');
        out.emit({ id, platform: 'discourse', type: 'reaction', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: discourseMember(like.user.id, like.user), content: { threadId: post } });
      });
      break;
    case 'topic_created':
      out.ignore(locator, 'topic_created (its first post arrives as post_created)');
      break;
    default:
      out.ignore(locator, `${name} is not a relationship interaction`);
  }
  return out.result();
}
