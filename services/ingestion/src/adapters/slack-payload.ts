import * as z from 'zod';
import { NativeId, optionalEpoch, optionalId, optionalText } from './native-fields';

// Slack Events API payloads (https://api.slack.com/apis/events-api#callback-field):
// the envelope is `url_verification` or `event_callback` around an inner event
// (https://api.slack.com/events/message, /reaction_added, /reaction_removed,
// /member_joined_channel, /member_left_channel, /app_mention).

export const SlackEnvelope = z.object({
  type: z.string(),
  event: z.unknown().optional(),
  event_id: optionalText,
  event_time: optionalEpoch,
  challenge: optionalText,
});

export const SlackEventType = z.object({ type: z.string(), subtype: optionalText });

export const SlackMessage = z.object({
  channel: NativeId,
  ts: z.string().min(1),
  user: optionalId,
  bot_id: optionalId,
  text: optionalText,
  thread_ts: optionalText,
  parent_user_id: optionalId,
  channel_type: optionalText,
});
export type SlackMessage = z.infer<typeof SlackMessage>;

export const SlackMessageDeleted = z.object({
  channel: NativeId,
  deleted_ts: z.string().min(1),
  ts: optionalText,
  event_ts: optionalText,
  previous_message: z.object({ user: optionalId, bot_id: optionalId }).optional().catch(undefined),
});
export type SlackMessageDeleted = z.infer<typeof SlackMessageDeleted>;

export const SlackReaction = z.object({
  user: NativeId,
  reaction: z.string().min(1),
  item: z.object({ type: z.string(), channel: optionalId, ts: optionalText }),
  item_user: optionalId,
  event_ts: optionalText,
});

export const SlackMembership = z.object({
  user: NativeId,
  channel: NativeId,
  event_ts: optionalText,
});
