import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import { SlackMembership } from './slack-payload';
import { eventTime, isoFromUnixSeconds } from './platform-time';

// member_joined_channel / member_left_channel → join / leave. The id carries the delivery's
// event_id (stable across Slack's retries, new for every act), so leaving and joining again
// both count while a retried delivery does not.

export function adaptSlackMembership(event: unknown, joined: boolean, eventId: string, brand: BrandAccounts, fallbackTime: string, out: Adaptation): void {
  const parsed = SlackMembership.safeParse(event);
  if (!parsed.success) return out.ignoreMalformed(eventId, parsed.error);
  const { user, channel, event_ts } = parsed.data;
  const type = joined ? 'join' : 'leave';
  const id = `${channel}:${type}:${user}:${eventId}`;
  if (brand.has(user)) return out.ignore(id, `a brand account ${joined ? 'joined' : 'left'} the channel`);
  out.emit({
    id,
    platform: 'slack',
    type,
    direction: 'inbound',
    occurredAt: eventTime(new Date(fallbackTime), isoFromUnixSeconds(event_ts)),
    member: { platformId: user },
    attributes: { channel },
  });
}
