import { Adaptation, rejectPayload } from './adaptation';
import type { AdapterContext, AdapterResult } from './adapter-contract';
import { addressedToBrand, BrandAccounts } from './brand-accounts';
import { adaptFeedChange } from './meta-feed';
import { adaptInstagramChange } from './meta-instagram';
import { adaptMessaging } from './meta-messaging';
import { FeedValue, MetaChange, MetaEntry, MetaEnvelope, MessagingEvent, PageMentionValue } from './meta-payload';
import { cleanText, MAX_CONTENT_TEXT, MAX_MEMBER_TEXT } from './platform-text';
import { eventTime, isoFromUnixEpochGuess } from './platform-time';

// Meta webhooks (a Facebook Page with its Instagram account) → canonical events.
// `object: "page"` → platform facebook; `object: "instagram"` → platform instagram. Each entry is
// addressed to one Page / Instagram account (entry.id), which counts as the brand.

export function adaptMeta(payload: unknown, ctx: AdapterContext): AdapterResult {
  const envelope = MetaEnvelope.safeParse(payload);
  if (!envelope.success) return rejectPayload('malformed_payload', envelope.error);
  const { object, entry } = envelope.data;
  const out = new Adaptation();
  if (object !== 'page' && object !== 'instagram') {
    out.ignore(object, `webhook object ${object} is not a Page or Instagram account`);
    return out.result();
  }
  const platform = object === 'page' ? 'facebook' : 'instagram';

  entry.forEach((rawEntry, e) => {
    const parsedEntry = MetaEntry.safeParse(rawEntry);
    if (!parsedEntry.success) return out.ignoreMalformed(`entry[${e}]`, parsedEntry.error);
    const item = parsedEntry.data;
    if (!addressedToBrand(ctx.source, item.id)) return out.ignore(item.id, 'entry for an account not of this source');
    const brand = new BrandAccounts(ctx.source, item.id);
    const entryTime = isoFromUnixEpochGuess(item.time);

    (item.changes ?? []).forEach((rawChange, c) => {
      const locator = `entry[${e}].changes[${c}]`;
      const change = MetaChange.safeParse(rawChange);
      if (!change.success) return out.ignoreMalformed(locator, change.error);
      const { field, value } = change.data;
      if (platform === 'instagram') return adaptInstagramChange(field, value, eventTime(ctx.receivedAt, entryTime), brand, out, locator);
      if (field === 'feed') {
        const feed = FeedValue.safeParse(value);
        if (!feed.success) return out.ignoreMalformed(locator, feed.error);
        return adaptFeedChange(feed.data, entryTime, brand, ctx.receivedAt, out);
      }
      if (field === 'mention') return adaptPageMention(value, entryTime, brand, ctx.receivedAt, out, locator);
      out.ignore(locator, `page field ${field} is not a relationship interaction`);
    });

    (item.messaging ?? []).forEach((rawMessage, m) => {
      const locator = `entry[${e}].messaging[${m}]`;
      const message = MessagingEvent.safeParse(rawMessage);
      if (!message.success) return out.ignoreMalformed(locator, message.error);
      adaptMessaging(message.data, platform, brand, ctx.receivedAt, out, locator);
    });
  });
  return out.result();
}

/** The Page `mention` field: a post or comment mentioning the Page → mention (remove → retraction). */
function adaptPageMention(value: unknown, entryTime: string | undefined, brand: BrandAccounts, receivedAt: Date, out: Adaptation, locator: string): void {
  const parsed = PageMentionValue.safeParse(value);
  if (!parsed.success) return out.ignoreMalformed(locator, parsed.error);
  const mention = parsed.data;
  const id = mention.comment_id ?? mention.post_id;
  if (id === undefined) return out.ignore(locator, 'page mention without post or comment id');
  if (brand.has(mention.sender_id)) return out.ignore(id, 'the Page mentioned itself');
  const displayName = cleanText(mention.sender_name, MAX_MEMBER_TEXT);
  const member = { platformId: mention.sender_id, ...(displayName ? { displayName } : {}) };
  const occurredAt = eventTime(receivedAt, isoFromUnixEpochGuess(mention.created_time), entryTime);
  if (mention.verb === 'remove') {
    return out.emit({ id: `${id}:retracted`, platform: 'facebook', type: 'retraction', direction: 'inbound', occurredAt, member, content: { parentId: id } });
  }
  if (mention.verb !== undefined && mention.verb !== 'add') return out.ignore(id, `page mention ${mention.verb}`);
  const text = cleanText(mention.message, MAX_CONTENT_TEXT);
  out.emit({ id, platform: 'facebook', type: 'mention', direction: 'inbound', occurredAt, member, ...(text !== undefined ? { content: { text } } : {}) });
}
