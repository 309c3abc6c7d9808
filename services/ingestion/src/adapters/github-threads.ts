import type { Adaptation } from './adaptation';
import type { BrandAccounts } from './brand-accounts';
import { githubMember, isBrandSide } from './github-identity';
import type { GithubComment, GithubThread } from './github-payload';
import { cleanText, MAX_CONTENT_TEXT } from './platform-text';
import { eventTime, isoFromDateString } from './platform-time';

// Issues, pull requests and discussions, and the comments on them (platform github).
// Ids: an issue or pull request is `${repo}#${number}` (they share a number space, and comments on
// a pull request arrive as issue_comment naming only the number); a discussion is
// `${repo}:discussion:${number}`; comments are `issue_comment:${id}` / `discussion_comment:${id}`.
// - opened/created by a member → comment (a pull request too: a contribution addressed to the
//   brand, marked attributes.kind); by the brand's side → ignored (its own post).
// - a comment by a member → comment in the thread, or for a discussion reply (parent_id) a reply
//   to that comment. A comment by the brand's side answers the thread's author → outbound reply
//   (parentId: the thread); a discussion reply by the brand answers the parent comment's author,
//   who is not in the payload → unresolved.
// - deleted → retraction of the thread or comment (the brand's own deletions are ignored).

export type ThreadKind = 'issue' | 'pull_request' | 'discussion';

export function threadId(repositoryId: string, kind: ThreadKind, number: number): string {
  return kind === 'discussion' ? `${repositoryId}:discussion:${number}` : `${repositoryId}#${number}`;
}

export function adaptThread(action: string, kind: ThreadKind, thread: GithubThread, repositoryId: string, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const id = threadId(repositoryId, kind, thread.number);
  const byBrand = isBrandSide(thread.user, brand, thread.author_association);
  const member = githubMember(thread.user);
  if (action === 'deleted') {
    if (byBrand) return out.ignore(`${id}:retracted`, `the brand's side deleted its own ${kind}`);
    return out.emit({ id: `${id}:retracted`, platform: 'github', type: 'retraction', direction: 'inbound', occurredAt: receivedAt.toISOString(), member, content: { parentId: id } });
  }
  const opening = kind === 'pull_request' ? 'opened' : kind === 'issue' ? 'opened' : 'created';
  if (action !== opening) return out.ignore(id, `${kind} ${action}`);
  if (byBrand) return out.ignore(id, `${kind} opened by the brand's side`);
  const text = cleanText([thread.title, thread.body].filter((part) => part).join('\n\n') || undefined, MAX_CONTENT_TEXT);
  out.emit({
    id,
    platform: 'github',
    type: 'comment',
    direction: 'inbound',
    occurredAt: eventTime(receivedAt, isoFromDateString(thread.created_at)),
    member,
    content: { ...(text !== undefined ? { text } : {}), ...urlOf(thread.html_url), threadId: id },
    attributes: { kind },
  });
}

export function adaptComment(action: string, kind: ThreadKind, thread: GithubThread, comment: GithubComment, repositoryId: string, brand: BrandAccounts, receivedAt: Date, out: Adaptation): void {
  const prefix = kind === 'discussion' ? 'discussion_comment' : 'issue_comment';
  const id = `${prefix}:${comment.id}`;
  const parentThread = threadId(repositoryId, kind, thread.number);
  const byBrand = isBrandSide(comment.user, brand, comment.author_association);
  if (action === 'deleted') {
    if (byBrand) return out.ignore(`${id}:retracted`, "the brand's side deleted its own comment");
    return out.emit({ id: `${id}:retracted`, platform: 'github', type: 'retraction', direction: 'inbound', occurredAt: receivedAt.toISOString(), member: githubMember(comment.user), content: { parentId: id } });
  }
  if (action !== 'created') return out.ignore(id, `comment ${action}`);

  const occurredAt = eventTime(receivedAt, isoFromDateString(comment.created_at));
  const text = cleanText(comment.body, MAX_CONTENT_TEXT);
  const answeredComment = kind === 'discussion' && comment.parent_id !== undefined ? `discussion_comment:${comment.parent_id}` : undefined;
  const parentId = answeredComment ?? parentThread;
  const content = { ...(text !== undefined ? { text } : {}), ...urlOf(comment.html_url), threadId: parentThread };

  if (!byBrand) {
    const type = answeredComment !== undefined ? 'reply' : 'comment';
    return out.emit({ id, platform: 'github', type, direction: 'inbound', occurredAt, member: githubMember(comment.user), content: { ...content, ...(answeredComment ? { parentId } : {}) } });
  }
  const outbound = { id, platform: 'github' as const, type: 'reply' as const, direction: 'outbound' as const, occurredAt, content: { ...content, parentId } };
  if (answeredComment !== undefined) return out.answer(answeredComment, outbound);
  if (isBrandSide(thread.user, brand, thread.author_association)) return out.ignore(id, "the brand's side commented in its own thread");
  out.emit({ ...outbound, member: githubMember(thread.user) });
}

function urlOf(url: string | undefined): { url?: string } {
  return url !== undefined && /^https?:\/\//.test(url) && url.length <= 2048 ? { url } : {};
}
