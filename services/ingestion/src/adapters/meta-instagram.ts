import type { MemberInput } from '@rapport/contracts';
import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import { InstagramCommentValue, InstagramMentionValue } from './meta-payload';
import { cleanText, MAX_CONTENT_TEXT, MAX_MEMBER_TEXT } from './platform-text';

// An Instagram `changes[]` item → instagram event.
// - `comments` / `live_comments`: a comment on the account's media → comment (threadId: the media),
//   or with parent_id a reply to that comment. The account's own reply to a comment answers it;
//   its author is not in the payload, so it is handed back unresolved.
// - `mentions`: Instagram sends only media_id/comment_id; without the author (a Graph API lookup,
//   not something a pure adapter can do) it is ignored, unless a `from` is present.

export function adaptInstagramChange(field: string, value: unknown, occurredAt: string, brand: BrandAccounts, out: Adaptation, locator: string): void {
  if (field === 'comments' || field === 'live_comments') {
    const parsed = InstagramCommentValue.safeParse(value);
    if (!parsed.success) return out.ignoreMalformed(locator, parsed.error);
    return adaptComment(parsed.data, occurredAt, brand, out);
  }
  if (field === 'mentions') {
    const parsed = InstagramMentionValue.safeParse(value);
    if (!parsed.success) return out.ignoreMalformed(locator, parsed.error);
    const mention = parsed.data;
    const id = mention.comment_id ?? mention.media_id ?? locator;
    if (!mention.from) return out.ignore(id, 'instagram mention without author (needs a Graph API lookup)');
    if (brand.has(mention.from.id)) return out.ignore(id, 'the account mentioned itself');
    const text = cleanText(mention.text, MAX_CONTENT_TEXT);
    return out.emit({
      id, platform: 'instagram', type: 'mention', direction: 'inbound', occurredAt, member: instagramMember(mention.from),
      ...(text !== undefined ? { content: { text } } : {}),
    });
  }
  out.ignore(locator, `instagram field ${field} is not a relationship interaction`);
}

function adaptComment(comment: InstagramCommentValue, occurredAt: string, brand: BrandAccounts, out: Adaptation): void {
  const text = cleanText(comment.text, MAX_CONTENT_TEXT);
  const mediaId = comment.media?.id;
  const content = {
    ...(text !== undefined ? { text } : {}),
    ...(mediaId !== undefined ? { threadId: mediaId } : {}),
    ...(comment.parent_id !== undefined ? { parentId: comment.parent_id } : {}),
  };
  if (brand.has(comment.from.id)) {
    if (comment.parent_id === undefined) return out.ignore(comment.id, 'the account commented on media (not an answer to a member)');
    return out.answer(comment.parent_id, { id: comment.id, platform: 'instagram', type: 'reply', direction: 'outbound', occurredAt, content });
  }
  out.emit({
    id: comment.id,
    platform: 'instagram',
    type: comment.parent_id !== undefined ? 'reply' : 'comment',
    direction: 'inbound',
    occurredAt,
    member: instagramMember(comment.from),
    content,
  });
}

export function instagramMember(user: { id: string; username?: string | undefined }): MemberInput {
  const handle = cleanText(user.username, MAX_MEMBER_TEXT);
  return { platformId: user.id, ...(handle ? { handle } : {}) };
}
