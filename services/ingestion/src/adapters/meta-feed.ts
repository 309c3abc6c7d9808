import type { MemberInput } from '@rapport/contracts';
import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import type { FeedValue } from './meta-payload';
import { cleanText, MAX_CONTENT_TEXT, MAX_MEMBER_TEXT } from './platform-text';
import { eventTime, isoFromUnixEpochGuess } from './platform-time';

// A Page `feed` change → facebook event. Ids are Meta's own object ids, so a `remove` can name
// what it withdraws: a comment by comment_id, a share by share_id, a visitor post by post_id, and a
// reaction by `${comment_id ?? post_id}:reaction:${user}` (one reaction per person and object;
// changing its kind is an `edit` and changes nothing here). Retractions are `${id}:retracted`.
// A comment by the Page itself on a comment is the brand answering it: its member is the author of
// that comment, which the payload does not carry, so it is handed back unresolved.

const POST_ITEMS = new Set(['post', 'status', 'photo', 'video']);

export function adaptFeedChange(value: FeedValue, pageTime: string | undefined, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const objectId = targetOf(value);
  const from = value.from;
  if (!from) return out.ignore(objectId ?? value.item, `feed ${value.item} without author`);
  if (objectId === undefined) return out.ignore(value.item, `feed ${value.item} without object id`);
  const occurredAt = eventTime(receivedAt, isoFromUnixEpochGuess(value.created_time), pageTime);
  const byPage = brand.has(from.id);
  const member = facebookMember(from);
  const text = cleanText(value.message, MAX_CONTENT_TEXT);

  const emit = (type: 'comment' | 'reply' | 'reaction' | 'share', id: string, parentId?: string) => {
    const content = {
      ...(text !== undefined && type !== 'reaction' ? { text } : {}),
      ...(value.post_id !== undefined ? { threadId: value.post_id } : {}),
      ...(parentId !== undefined ? { parentId } : {}),
    };
    const attributes = type === 'reaction' && value.reaction_type ? { attributes: { reaction: value.reaction_type } } : {};
    out.emit({ id, platform: 'facebook', type, direction: 'inbound', occurredAt, member, content, ...attributes });
  };
  const retract = (id: string) => {
    if (byPage) return out.ignore(`${id}:retracted`, `the Page removed its own ${value.item}`);
    out.emit({ id: `${id}:retracted`, platform: 'facebook', type: 'retraction', direction: 'inbound', occurredAt, member, content: { parentId: id } });
  };

  const { item, verb } = value;
  if (item === 'reaction' || item === 'like') {
    const id = `${objectId}:reaction:${from.id}`;
    if (verb === 'remove') return retract(id);
    if (verb !== 'add') return out.ignore(id, `reaction ${verb}`);
    if (byPage) return out.ignore(id, 'the Page reacted (outbound reactions are not scored)');
    return emit('reaction', id);
  }
  if (item === 'comment') {
    if (verb === 'remove') return retract(objectId);
    if (verb !== 'add') return out.ignore(objectId, `comment ${verb}`);
    // A comment whose parent is another comment (not the post) answers that comment.
    const answered = value.parent_id !== undefined && value.parent_id !== value.post_id ? value.parent_id : undefined;
    if (!byPage) return answered !== undefined ? emit('reply', objectId, answered) : emit('comment', objectId);
    if (answered === undefined) return out.ignore(objectId, 'the Page commented on a post (not an answer to a member)');
    return out.answer(answered, {
      id: objectId, platform: 'facebook', type: 'reply', direction: 'outbound', occurredAt,
      content: { ...(text !== undefined ? { text } : {}), ...(value.post_id !== undefined ? { threadId: value.post_id } : {}), parentId: answered },
    });
  }
  if (item === 'share' || POST_ITEMS.has(item)) {
    if (verb === 'remove') return retract(objectId);
    if (verb !== 'add') return out.ignore(objectId, `${item} ${verb}`);
    if (byPage) return out.ignore(objectId, `the Page's own ${item}`);
    // A visitor's post on the Page's timeline is addressed to the brand, like a comment.
    return item === 'share' ? emit('share', objectId) : emit('comment', objectId);
  }
  out.ignore(objectId, `feed item ${item} is not a relationship interaction`);
}

function targetOf(value: FeedValue): string | undefined {
  switch (value.item) {
    case 'comment':
      return value.comment_id;
    case 'share':
      return value.share_id ?? (value.post_id && value.from ? `${value.post_id}:share:${value.from.id}` : undefined);
    case 'reaction':
    case 'like':
      return value.comment_id ?? value.post_id;
    default:
      return value.post_id;
  }
}

export function facebookMember(from: { id: string; name?: string | undefined }): MemberInput {
  const displayName = cleanText(from.name, MAX_MEMBER_TEXT);
  return { platformId: from.id, ...(displayName ? { displayName } : {}) };
}
