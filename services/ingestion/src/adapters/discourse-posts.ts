import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import { discourseMember, isDiscourseStaff } from './discourse-identity';
import type { DiscoursePost } from './discourse-payload';
import { cleanText, MAX_CONTENT_TEXT } from './platform-text';
import { eventTime, isoFromDateString } from './platform-time';

// Discourse posts (platform discourse). A post's id is `post:${topic_id}:${post_number}`, because a
// reply names its parent only by number (reply_to_post_number).
// By a member: the first post of a topic → comment; a reply to a post → reply (parentId: that
// post); another post in the topic → comment in the thread. In a private message topic → message.
// By staff: the first post is the brand's own; any other post answers the post it replies to (or
// the topic's first post). The author of that post is not in the payload (Discourse sends only a
// username), so the answer is handed back unresolved.
// Only regular posts count: moderator actions, small actions and whispers are not conversation.
const REGULAR_POST = 1;

export function discoursePostId(topicId: string, postNumber: number): string {
  return `post:${topicId}:${postNumber}`;
}

export function adaptDiscoursePost(post: DiscoursePost, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const id = discoursePostId(post.topic_id, post.post_number);
  if (post.post_type !== undefined && post.post_type !== REGULAR_POST) return out.ignore(id, `post type ${post.post_type} (not a regular post)`);
  const firstPost = discoursePostId(post.topic_id, 1);
  const privateMessage = post.topic_archetype === 'private_message';
  const answered = post.reply_to_post_number != null ? discoursePostId(post.topic_id, post.reply_to_post_number) : post.post_number > 1 ? firstPost : undefined;
  const text = cleanText(post.raw, MAX_CONTENT_TEXT);
  const occurredAt = eventTime(receivedAt, isoFromDateString(post.created_at));
  const content = { ...(text !== undefined ? { text } : {}), threadId: firstPost };

  if (isDiscourseStaff(post, brand)) {
    if (answered === undefined) return out.ignore(id, 'topic opened by staff');
    return out.answer(answered, {
      id, platform: 'discourse', type: privateMessage ? 'message' : 'reply', direction: 'outbound', occurredAt, content: { ...content, parentId: answered },
    });
  }
  const member = discourseMember(post.user_id, post);
  if (privateMessage) return out.emit({ id, platform: 'discourse', type: 'message', direction: 'inbound', occurredAt, member, content });
  if (post.reply_to_post_number != null && answered !== undefined) {
    return out.emit({ id, platform: 'discourse', type: 'reply', direction: 'inbound', occurredAt, member, content: { ...content, parentId: answered } });
  }
  out.emit({ id, platform: 'discourse', type: 'comment', direction: 'inbound', occurredAt, member, content });
}

/** post_destroyed → retraction of the post's event (staff deleting their own posts is ignored). */
export function adaptDiscoursePostDeletion(post: DiscoursePost, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const target = discoursePostId(post.topic_id, post.post_number);
  if (isDiscourseStaff(post, brand)) return out.ignore(`${target}:retracted`, 'staff post deleted');
  out.emit({
    id: `${target}:retracted`, platform: 'discourse', type: 'retraction', direction: 'inbound', occurredAt: receivedAt.toISOString(),
    member: discourseMember(post.user_id, post), content: { parentId: target },
  });
}
