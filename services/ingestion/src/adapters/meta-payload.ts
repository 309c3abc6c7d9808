import * as z from 'zod';
import { itemList, NativeId, optionalBoolean, optionalEpoch, optionalId, optionalText } from './native-fields';

// Meta Webhooks payloads (Graph API webhooks for Pages, Instagram, Messenger):
// - Page `feed` field: https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed
// - Instagram fields: https://developers.facebook.com/docs/graph-api/webhooks/reference/instagram
//   and examples at https://developers.facebook.com/docs/instagram-platform/webhooks/examples
// - Messenger events: https://developers.facebook.com/docs/messenger-platform/webhooks

export const MetaEnvelope = z.object({
  object: z.string(),
  entry: z.array(z.unknown()),
});

export const MetaEntry = z.object({
  id: NativeId,
  time: optionalEpoch,
  changes: itemList,
  messaging: itemList,
});
export type MetaEntry = z.infer<typeof MetaEntry>;

export const MetaChange = z.object({ field: z.string(), value: z.unknown() });

const FacebookUser = z.object({ id: NativeId, name: optionalText });

/** A `feed` change value; `from` is checked per item because Meta omits it on some items. */
export const FeedValue = z.object({
  item: z.string(),
  verb: z.string(),
  from: FacebookUser.optional().catch(undefined),
  post_id: optionalId,
  comment_id: optionalId,
  parent_id: optionalId,
  share_id: optionalId,
  message: optionalText,
  link: optionalText,
  reaction_type: optionalText,
  created_time: optionalEpoch,
});
export type FeedValue = z.infer<typeof FeedValue>;

/** The Page `mention` field: someone mentioned the Page in a post or comment. */
export const PageMentionValue = z.object({
  item: optionalText,
  verb: optionalText,
  post_id: optionalId,
  comment_id: optionalId,
  sender_id: NativeId,
  sender_name: optionalText,
  message: optionalText,
  created_time: optionalEpoch,
});

const InstagramUser = z.object({ id: NativeId, username: optionalText });

export const InstagramCommentValue = z.object({
  id: NativeId,
  text: optionalText,
  from: InstagramUser,
  media: z.object({ id: optionalId }).optional().catch(undefined),
  parent_id: optionalId,
});
export type InstagramCommentValue = z.infer<typeof InstagramCommentValue>;

/** Instagram `mentions`: only ids; the author must be fetched from the Graph API. */
export const InstagramMentionValue = z.object({
  media_id: optionalId,
  comment_id: optionalId,
  from: InstagramUser.optional().catch(undefined),
  text: optionalText,
});

export const MessagingEvent = z.object({
  sender: z.object({ id: NativeId }),
  recipient: z.object({ id: NativeId }),
  timestamp: optionalEpoch,
  message: z
    .object({ mid: NativeId, text: optionalText, is_echo: optionalBoolean, is_deleted: optionalBoolean })
    .optional()
    .catch(undefined),
  reaction: z
    .object({ mid: NativeId, action: z.string(), reaction: optionalText, emoji: optionalText })
    .optional()
    .catch(undefined),
});
export type MessagingEvent = z.infer<typeof MessagingEvent>;
