import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import type { MessagingEvent } from './meta-payload';
import { cleanText, MAX_CONTENT_TEXT } from './platform-text';
import { eventTime, isoFromUnixEpochGuess } from './platform-time';

// Messenger / Instagram Direct `messaging[]` → message events, id = the message's mid.
// - A message from a person (PSID/IGSID) → inbound message; an echo (is_echo, sent by the Page or
//   account) → outbound message to the recipient.
// - Instagram `is_deleted` → retraction of that message.
// - A reaction to a message → reaction (`${mid}:reaction:${user}`), `unreact` → its retraction.
// Deliveries, reads, postbacks and the rest are ignored.

export function adaptMessaging(event: MessagingEvent, platform: 'facebook' | 'instagram', brand: BrandAccounts, receivedAt: Date, out: Adaptation, locator: string): void {
  const occurredAt = eventTime(receivedAt, isoFromUnixEpochGuess(event.timestamp));
  const fromBrand = brand.has(event.sender.id);
  const member = { platformId: fromBrand ? event.recipient.id : event.sender.id };
  const { message, reaction } = event;

  if (message) {
    if (message.is_deleted === true) {
      if (fromBrand) return out.ignore(`${message.mid}:retracted`, 'the brand deleted its own message');
      return out.emit({ id: `${message.mid}:retracted`, platform, type: 'retraction', direction: 'inbound', occurredAt, member, content: { parentId: message.mid } });
    }
    const text = cleanText(message.text, MAX_CONTENT_TEXT);
    return out.emit({
      id: message.mid,
      platform,
      type: 'message',
      direction: fromBrand || message.is_echo === true ? 'outbound' : 'inbound',
      occurredAt,
      member,
      ...(text !== undefined ? { content: { text } } : {}),
    });
  }
  if (reaction) {
    const id = `${reaction.mid}:reaction:${event.sender.id}`;
    if (fromBrand) return out.ignore(id, 'the brand reacted (outbound reactions are not scored)');
    if (reaction.action === 'unreact') {
      return out.emit({ id: `${id}:retracted`, platform, type: 'retraction', direction: 'inbound', occurredAt, member, content: { parentId: id } });
    }
    const emoji = reaction.reaction ?? reaction.emoji;
    return out.emit({ id, platform, type: 'reaction', direction: 'inbound', occurredAt, member, ...(emoji ? { attributes: { reaction: emoji } } : {}) });
  }
  out.ignore(locator, 'messaging event without message or reaction (delivery, read, postback…)');
}
