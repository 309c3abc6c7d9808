import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import { SlackReaction } from './slack-payload';
import { eventTime, isoFromUnixSeconds } from './platform-time';
import { slackMessageId } from './slack-messages';

// reaction_added → reaction `${channel}:${ts}:${user}:${reaction}`: reaction_removed carries the
// same four facts, so it can name what it withdraws → retraction `${that id}:retracted`.
// Reactions by brand accounts are ignored (outbound reactions carry no weight and answer nothing).

export function adaptSlackReaction(event: unknown, removed: boolean, brand: BrandAccounts, fallbackTime: string, out: Adaptation, locator: string): void {
  const parsed = SlackReaction.safeParse(event);
  if (!parsed.success) return out.ignoreMalformed(locator, parsed.error);
  const { user, item, reaction, event_ts } = parsed.data;
  if (item.type !== 'message' || item.channel === undefined || item.ts === undefined) return out.ignore(locator, `reaction to a ${item.type}`);
  const messageId = slackMessageId(item.channel, item.ts);
  const id = `${messageId}:${user}:${reaction}`;
  if (brand.has(user)) return out.ignore(id, 'reaction by a brand account (outbound reactions are not scored)');
  const base = {
    platform: 'slack' as const,
    direction: 'inbound' as const,
    occurredAt: eventTime(new Date(fallbackTime), isoFromUnixSeconds(event_ts)),
    member: { platformId: user },
  };
  if (removed) return out.emit({ ...base, id: `${id}:retracted`, type: 'retraction', content: { parentId: id } });
  out.emit({ ...base, id, type: 'reaction', content: { threadId: messageId }, attributes: { reaction } });
}
