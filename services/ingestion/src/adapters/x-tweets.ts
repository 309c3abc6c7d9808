import type { InteractionEventInput } from '@rapport/contracts';
import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import { cleanText, MAX_CONTENT_TEXT, MAX_MEMBER_TEXT } from './platform-text';
import { eventTime, isoFromDateString, isoFromUnixMillis } from './platform-time';
import { xMember } from './x-member';
import type { XTweet } from './x-payload';

// One tweet_create_events item → at most one event, its id being the tweet id (X retries
// deliveries; the same tweet always maps to the same event).
//
// By someone else (inbound), the first rule that holds:
//   a retweet of a brand tweet → share; a reply to the brand → reply (parentId: the tweet answered);
//   a quote of a brand tweet → share; a tweet mentioning the brand → mention; else ignored.
// By the brand (outbound):
//   a reply to a member → reply (parentId: the member's tweet, so reciprocity sees the answer);
//   a retweet or quote of a member's tweet → share; the brand's own posts and threads → ignored.

export function adaptTweet(tweet: XTweet, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const base = {
    id: tweet.id_str,
    platform: 'x' as const,
    occurredAt: eventTime(receivedAt, isoFromUnixMillis(tweet.timestamp_ms), isoFromDateString(tweet.created_at)),
  };
  const text = cleanText(tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text, MAX_CONTENT_TEXT);
  const url = tweet.user.screen_name ? `https://x.com/${encodeURIComponent(tweet.user.screen_name)}/status/${tweet.id_str}` : undefined;
  const content = (parentId?: string): InteractionEventInput['content'] => ({
    ...(text !== undefined ? { text } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(parentId !== undefined ? { parentId } : {}),
  });

  if (brand.has(tweet.user.id_str)) return adaptBrandTweet(tweet, brand, base, content, out);

  const member = xMember(tweet.user);
  const inbound = { ...base, direction: 'inbound' as const, member };
  if (tweet.retweeted_status) {
    if (brand.has(tweet.retweeted_status.user.id_str)) return out.emit({ ...inbound, type: 'share', content: content(), attributes: { sharedTweetId: tweet.retweeted_status.id_str } });
    return out.ignore(tweet.id_str, 'retweet of a tweet not by the brand');
  }
  if (brand.has(tweet.in_reply_to_user_id_str)) {
    return out.emit({ ...inbound, type: 'reply', content: content(tweet.in_reply_to_status_id_str) });
  }
  if (tweet.quoted_status && brand.has(tweet.quoted_status.user.id_str)) {
    return out.emit({ ...inbound, type: 'share', content: content(), attributes: { sharedTweetId: tweet.quoted_status.id_str } });
  }
  const mentions = tweet.entities?.user_mentions ?? [];
  if (mentions.some((m) => brand.has(m.id_str))) return out.emit({ ...inbound, type: 'mention', content: content() });
  out.ignore(tweet.id_str, 'tweet not directed at the brand');
}

function adaptBrandTweet(
  tweet: XTweet,
  brand: BrandAccounts,
  base: { id: string; platform: 'x'; occurredAt: string },
  content: (parentId?: string) => InteractionEventInput['content'],
  out: Adaptation,
): void {
  const outbound = { ...base, direction: 'outbound' as const };
  const shared = tweet.retweeted_status ?? tweet.quoted_status;
  if (shared && !brand.has(shared.user.id_str)) {
    return out.emit({ ...outbound, type: 'share', member: xMember(shared.user), content: content(shared.id_str) });
  }
  const repliedTo = tweet.in_reply_to_user_id_str;
  if (repliedTo !== undefined && !brand.has(repliedTo)) {
    const handle = cleanText(tweet.in_reply_to_screen_name, MAX_MEMBER_TEXT);
    const member = { platformId: repliedTo, ...(handle ? { handle } : {}) };
    return out.emit({ ...outbound, type: 'reply', member, content: content(tweet.in_reply_to_status_id_str) });
  }
  out.ignore(tweet.id_str, 'brand post (not an interaction with a member)');
}
