import * as z from 'zod';
import { NativeId, optionalBoolean, optionalId, optionalText } from './native-fields';

// Discourse webhook payloads: the event name is the X-Discourse-Event header and the body wraps one
// serialized object — `post` (WebHookPostSerializer), `user` (WebHookUserSerializer), `topic`, or
// `like` ({post, user}: WebHookLikeSerializer) — https://meta.discourse.org/t/setting-up-webhooks/49045

export const DiscoursePost = z.object({
  id: NativeId,
  user_id: NativeId,
  username: optionalText,
  name: optionalText,
  created_at: optionalText,
  post_number: z.int().min(1),
  post_type: z.int().optional().catch(undefined),
  reply_to_post_number: z.int().min(1).nullish().catch(undefined),
  topic_id: NativeId,
  topic_archetype: optionalText,
  raw: optionalText,
  staff: optionalBoolean,
  admin: optionalBoolean,
  moderator: optionalBoolean,
});
export type DiscoursePost = z.infer<typeof DiscoursePost>;

export const DiscourseUser = z.object({
  id: NativeId,
  username: optionalText,
  name: optionalText,
  email: optionalText,
  created_at: optionalText,
  admin: optionalBoolean,
  moderator: optionalBoolean,
});
export type DiscourseUser = z.infer<typeof DiscourseUser>;

export const PostPayload = z.object({ post: DiscoursePost });
export const UserPayload = z.object({ user: DiscourseUser });
export const LikePayload = z.object({
  like: z.object({ post: DiscoursePost, user: z.object({ id: NativeId, username: optionalText, name: optionalText }) }),
});
export const TopicPayload = z.object({ topic: z.object({ id: optionalId }).optional().catch(undefined) });
