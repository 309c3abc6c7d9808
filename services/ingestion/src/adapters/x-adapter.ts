import type * as z from 'zod';
import { Adaptation, rejectPayload } from './adaptation';
import type { AdapterContext, AdapterResult } from './adapter-contract';
import { addressedToBrand, BrandAccounts } from './brand-accounts';
import { cleanText, MAX_CONTENT_TEXT } from './platform-text';
import { eventTime, isoFromDateString, isoFromUnixMillis } from './platform-time';
import { xDmMember, xMember } from './x-member';
import { X_IRRELEVANT_KINDS, XDirectMessage, XDmUser, XEnvelope, XFavorite, XFollow, XTweet, XTweetDelete } from './x-payload';
import { adaptTweet } from './x-tweets';

// X Account Activity API → canonical events. Mapping decisions:
// - favorite_events → inbound `reaction`, id `${tweetId}:fav:${userId}` (one like per user and
//   tweet, whatever event id a redelivery carries). The brand liking someone's tweet is ignored:
//   outbound reactions carry no weight and answer nothing. X sends no unfavorite event.
// - follow_events `follow`/`unfollow` of the brand → inbound follow/unfollow, one id per act
//   (`${type}:${userId}:${created_timestamp}`) so a re-follow after an unfollow counts. The brand
//   following someone is ignored, for the same reason as its likes.
// - direct_message_events `message_create` → `message`, inbound or outbound by sender.
// - tweet_delete_events → `retraction` of the tweet's event; deletions of brand tweets are
//   ignored (the member the tweet addressed is not in the notice).

export function adaptX(payload: unknown, ctx: AdapterContext): AdapterResult {
  const envelope = XEnvelope.safeParse(payload);
  if (!envelope.success) return rejectPayload('malformed_payload', envelope.error);
  const body = envelope.data;
  const out = new Adaptation();

  if (!addressedToBrand(ctx.source, body.for_user_id)) {
    out.ignore(body.for_user_id, 'for_user_id is not an account of this source');
    return out.result();
  }
  const brand = new BrandAccounts(ctx.source, body.for_user_id);
  const { receivedAt } = ctx;

  each(body.tweet_create_events, 'tweet_create_events', XTweet, out, (tweet) => adaptTweet(tweet, brand, receivedAt, out));
  each(body.favorite_events, 'favorite_events', XFavorite, out, (fav) => {
    const tweetId = fav.favorited_status.id_str;
    const id = `${tweetId}:fav:${fav.user.id_str}`;
    if (brand.has(fav.user.id_str)) return out.ignore(id, 'the brand liked a tweet (outbound reactions are not scored)');
    if (!brand.has(fav.favorited_status.user.id_str)) return out.ignore(id, 'like of a tweet not by the brand');
    out.emit({
      id,
      platform: 'x',
      type: 'reaction',
      direction: 'inbound',
      occurredAt: eventTime(receivedAt, isoFromUnixMillis(fav.timestamp_ms), isoFromDateString(fav.created_at)),
      member: xMember(fav.user),
      attributes: { tweetId },
    });
  });
  for (const key of ['follow_events', 'unfollow_events'] as const) {
    each(body[key], key, XFollow, out, (follow) => {
      const id = `${follow.type}:${follow.source.id_str}:${String(follow.created_timestamp ?? '')}`;
      if (follow.type !== 'follow' && follow.type !== 'unfollow') return out.ignore(id, `follow event type ${follow.type}`);
      if (brand.has(follow.source.id_str)) return out.ignore(id, `the brand's own ${follow.type} (outbound follows are not scored)`);
      if (!brand.has(follow.target.id_str)) return out.ignore(id, `${follow.type} of an account not of the brand`);
      out.emit({
        id,
        platform: 'x',
        type: follow.type,
        direction: 'inbound',
        occurredAt: eventTime(receivedAt, isoFromUnixMillis(follow.created_timestamp)),
        member: xMember(follow.source),
      });
    });
  }
  each(body.direct_message_events, 'direct_message_events', XDirectMessage, out, (dm) => {
    const create = dm.message_create;
    if (dm.type !== 'message_create' || !create) return out.ignore(dm.id, `direct message event type ${dm.type}`);
    const senderIsBrand = brand.has(create.sender_id);
    const recipientIsBrand = brand.has(create.target.recipient_id);
    if (senderIsBrand === recipientIsBrand) return out.ignore(dm.id, 'direct message not between the brand and a member');
    const memberId = senderIsBrand ? create.target.recipient_id : create.sender_id;
    const text = cleanText(create.message_data?.text, MAX_CONTENT_TEXT);
    out.emit({
      id: dm.id,
      platform: 'x',
      type: 'message',
      direction: senderIsBrand ? 'outbound' : 'inbound',
      occurredAt: eventTime(receivedAt, isoFromUnixMillis(dm.created_timestamp)),
      member: xDmMember(memberId, dmUser(body.users, memberId)),
      ...(text !== undefined ? { content: { text } } : {}),
    });
  });
  each(body.tweet_delete_events, 'tweet_delete_events', XTweetDelete, out, (deletion) => {
    const { id, user_id } = deletion.status;
    if (brand.has(user_id)) return out.ignore(`${id}:deleted`, 'deleted brand tweet (the member it addressed is unknown)');
    out.emit({
      id: `${id}:deleted`,
      platform: 'x',
      type: 'retraction',
      direction: 'inbound',
      occurredAt: eventTime(receivedAt, isoFromUnixMillis(deletion.timestamp_ms)),
      member: { platformId: user_id },
      content: { parentId: id },
    });
  });
  ignoreIrrelevantKinds(payload, out);
  return out.result();
}

function each<S extends z.ZodType>(items: unknown[] | undefined, key: string, schema: S, out: Adaptation, map: (item: z.infer<S>) => void): void {
  (items ?? []).forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) map(parsed.data);
    else out.ignoreMalformed(`${key}[${index}]`, parsed.error);
  });
}

function dmUser(users: Record<string, unknown> | undefined, id: string): XDmUser | undefined {
  const parsed = XDmUser.safeParse(users?.[id]);
  return parsed.success ? parsed.data : undefined;
}

function ignoreIrrelevantKinds(payload: unknown, out: Adaptation): void {
  const record = payload as Record<string, unknown>;
  for (const kind of X_IRRELEVANT_KINDS) {
    if (record[kind] !== undefined) out.ignore(kind, `${kind} say nothing about the relationship`);
  }
}
