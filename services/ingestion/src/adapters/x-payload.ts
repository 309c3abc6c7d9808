import * as z from 'zod';
import { itemList, NativeId, optionalCount, optionalEpoch, optionalId, optionalText } from './native-fields';

// X Account Activity API payloads, as documented in "Account Activity data objects"
// (https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/account-activity-data-objects).
// v1.1 Tweet and User objects: ids are read from the `*_str` fields because the numeric ones
// exceed 2^53 and lose digits in JSON.parse.

export const XUser = z.object({
  id_str: NativeId,
  screen_name: optionalText,
  name: optionalText,
  followers_count: optionalCount,
});
export type XUser = z.infer<typeof XUser>;

/** A user of the DM `users` map: same facts, but keyed `id` instead of `id_str`. */
export const XDmUser = z.object({ id: NativeId, screen_name: optionalText, name: optionalText, followers_count: optionalCount });
export type XDmUser = z.infer<typeof XDmUser>;

const ReferencedTweet = z.object({ id_str: NativeId, user: XUser });

export const XTweet = z.object({
  id_str: NativeId,
  created_at: optionalText,
  timestamp_ms: optionalEpoch,
  text: optionalText,
  full_text: optionalText,
  extended_tweet: z.object({ full_text: optionalText }).optional().catch(undefined),
  user: XUser,
  in_reply_to_status_id_str: optionalId,
  in_reply_to_user_id_str: optionalId,
  in_reply_to_screen_name: optionalText,
  retweeted_status: ReferencedTweet.optional().catch(undefined),
  quoted_status: ReferencedTweet.optional().catch(undefined),
  entities: z
    .object({ user_mentions: z.array(z.object({ id_str: optionalId })).optional().catch(undefined) })
    .optional()
    .catch(undefined),
});
export type XTweet = z.infer<typeof XTweet>;

export const XFavorite = z.object({
  id: optionalText,
  created_at: optionalText,
  timestamp_ms: optionalEpoch,
  favorited_status: ReferencedTweet,
  user: XUser,
});

export const XFollow = z.object({
  type: z.string(),
  created_timestamp: optionalEpoch,
  source: XUser,
  target: XUser,
});

export const XDirectMessage = z.object({
  type: z.string(),
  id: NativeId,
  created_timestamp: optionalEpoch,
  message_create: z
    .object({
      target: z.object({ recipient_id: NativeId }),
      sender_id: NativeId,
      message_data: z.object({ text: optionalText }).optional().catch(undefined),
    })
    .optional(),
});

export const XTweetDelete = z.object({
  status: z.object({ id: NativeId, user_id: NativeId }),
  timestamp_ms: optionalEpoch,
});

export const XEnvelope = z.object({
  for_user_id: NativeId,
  tweet_create_events: itemList,
  favorite_events: itemList,
  follow_events: itemList,
  // The data-objects table lists unfollow_events; its example sends unfollows in follow_events.
  unfollow_events: itemList,
  direct_message_events: itemList,
  tweet_delete_events: itemList,
  users: z.record(z.string(), z.unknown()).optional().catch(undefined),
});
export type XEnvelope = z.infer<typeof XEnvelope>;

/** Activity X delivers that says nothing about the relationship with the brand. */
export const X_IRRELEVANT_KINDS = [
  'block_events',
  'unblock_events',
  'mute_events',
  'unmute_events',
  'user_event',
  'direct_message_indicate_typing_events',
  'direct_message_mark_read_events',
] as const;
