import * as z from 'zod';
import { NativeId, optionalId, optionalText } from './native-fields';

// GitHub webhook payloads (https://docs.github.com/en/webhooks/webhook-events-and-payloads):
// the event name comes in the X-GitHub-Event header, the action in the body.

export const GithubUser = z.object({ id: NativeId, login: optionalText, type: optionalText });
export type GithubUser = z.infer<typeof GithubUser>;

const Repository = z.object({ id: NativeId, full_name: optionalText });

export const GithubBase = z.object({
  action: optionalText,
  sender: GithubUser.optional().catch(undefined),
  repository: Repository.optional().catch(undefined),
});

/** An issue, pull request or discussion: the fields the adapter reads are shared. */
const Thread = z.object({
  id: NativeId,
  number: z.int().min(0),
  title: optionalText,
  body: optionalText,
  user: GithubUser,
  html_url: optionalText,
  created_at: optionalText,
  author_association: optionalText,
});
export type GithubThread = z.infer<typeof Thread>;

const Comment = z.object({
  id: NativeId,
  body: optionalText,
  user: GithubUser,
  html_url: optionalText,
  created_at: optionalText,
  author_association: optionalText,
  parent_id: optionalId,
});
export type GithubComment = z.infer<typeof Comment>;

export const StarEvent = GithubBase.extend({ action: z.string(), sender: GithubUser, repository: Repository, starred_at: optionalText });
export const WatchEvent = GithubBase.extend({ action: z.string(), sender: GithubUser, repository: Repository });
export const ForkEvent = GithubBase.extend({
  sender: GithubUser,
  repository: Repository,
  forkee: z.object({ id: NativeId, full_name: optionalText, html_url: optionalText, created_at: optionalText }),
});
export const IssuesEvent = GithubBase.extend({ action: z.string(), repository: Repository, issue: Thread });
export const PullRequestEvent = GithubBase.extend({ action: z.string(), repository: Repository, pull_request: Thread });
export const DiscussionEvent = GithubBase.extend({ action: z.string(), repository: Repository, discussion: Thread });
export const IssueCommentEvent = IssuesEvent.extend({ comment: Comment });
export const DiscussionCommentEvent = DiscussionEvent.extend({ comment: Comment });
export const MemberEvent = GithubBase.extend({ action: z.string(), repository: Repository, member: GithubUser });
export const OrganizationEvent = GithubBase.extend({
  action: z.string(),
  organization: z.object({ id: NativeId, login: optionalText }),
  membership: z.object({ user: GithubUser }).optional().catch(undefined),
});
