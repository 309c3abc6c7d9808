import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import type { SlackMessage, SlackMessageDeleted } from './slack-payload';
import { cleanText, MAX_CONTENT_TEXT } from './platform-text';
import { eventTime, isoFromUnixSeconds } from './platform-time';

// A Slack message → event `${channel}:${ts}` (Slack's own message identity).
// By a member: in a DM → message; mentioning a brand account (`<@U…>`) → mention; in a thread
// (thread_ts ≠ ts) → reply to the thread's parent `${channel}:${thread_ts}`; else comment.
// app_mention deliveries of the same message map to the same id and type, so whichever of the two
// arrives second is a duplicate, never a second interaction.
// By a brand account or the brand's bot: a thread reply answers the parent's author
// (parent_user_id) → outbound reply; other brand messages address no one in particular → ignored.

export function slackMessageId(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}

export function adaptSlackMessage(message: SlackMessage, brand: BrandAccounts, receivedAt: Date, out: Adaptation, mention = false): void {
  const id = slackMessageId(message.channel, message.ts);
  const occurredAt = eventTime(receivedAt, isoFromUnixSeconds(message.ts));
  const inThread = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const threadId = message.thread_ts !== undefined ? slackMessageId(message.channel, message.thread_ts) : undefined;
  const text = cleanText(message.text, MAX_CONTENT_TEXT);
  const content = {
    ...(text !== undefined ? { text } : {}),
    ...(threadId !== undefined ? { threadId } : {}),
    ...(inThread && threadId !== undefined ? { parentId: threadId } : {}),
  };

  if (brand.has(message.user) || brand.has(message.bot_id)) {
    const answered = message.parent_user_id;
    if (message.channel_type === 'im') return out.ignore(id, 'brand direct message (the recipient is not in the payload)');
    if (!inThread || answered === undefined) return out.ignore(id, 'brand message outside a thread (addresses no member)');
    if (brand.has(answered)) return out.ignore(id, 'brand reply in a brand thread');
    return out.emit({ id, platform: 'slack', type: 'reply', direction: 'outbound', occurredAt, member: { platformId: answered }, content });
  }
  if (message.user === undefined) return out.ignore(id, message.bot_id !== undefined ? 'message by a bot that is not the brand' : 'message without author');

  const type = message.channel_type === 'im' ? 'message' : mention || mentionsBrand(text, brand) ? 'mention' : inThread ? 'reply' : 'comment';
  out.emit({ id, platform: 'slack', type, direction: 'inbound', occurredAt, member: { platformId: message.user }, content });
}

const USER_MENTION = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;

function mentionsBrand(text: string | undefined, brand: BrandAccounts): boolean {
  if (text === undefined) return false;
  for (const match of text.matchAll(USER_MENTION)) if (brand.has(match[1])) return true;
  return false;
}

/** message_deleted → retraction of the deleted message's event; the author is in previous_message. */
export function adaptSlackDeletion(event: SlackMessageDeleted, brand: BrandAccounts, fallbackTime: string, out: Adaptation): void {
  const target = slackMessageId(event.channel, event.deleted_ts);
  const author = event.previous_message?.user;
  if (author === undefined) return out.ignore(`${target}:retracted`, 'deleted message without its author');
  if (brand.has(author) || brand.has(event.previous_message?.bot_id)) return out.ignore(`${target}:retracted`, 'the brand deleted its own message');
  out.emit({
    id: `${target}:retracted`,
    platform: 'slack',
    type: 'retraction',
    direction: 'inbound',
    occurredAt: eventTime(new Date(fallbackTime), isoFromUnixSeconds(event.event_ts ?? event.ts)),
    member: { platformId: author },
    content: { parentId: target },
  });
}
