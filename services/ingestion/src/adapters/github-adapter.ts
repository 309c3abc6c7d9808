import type * as z from 'zod';
import { Adaptation, rejectPayload } from './adaptation';
import type { AdapterContext, AdapterResult } from './adapter-contract';
import { BrandAccounts } from './brand-accounts';
import {
  DiscussionCommentEvent, DiscussionEvent, ForkEvent, GithubBase, IssueCommentEvent, IssuesEvent, MemberEvent, OrganizationEvent,
  PullRequestEvent, StarEvent, WatchEvent,
} from './github-payload';
import { adaptFork, adaptMembership, adaptStar, adaptWatch } from './github-repository-activity';
import { adaptComment, adaptThread } from './github-threads';

// GitHub webhooks → canonical events. The event name is the X-GitHub-Event header (ctx.eventName);
// a delivery without it cannot be interpreted and is rejected. Events not about the relationship
// between the project and its community (push, workflow_run, ping…) are acknowledged as ignored.

export function adaptGithub(payload: unknown, ctx: AdapterContext): AdapterResult {
  const name = ctx.eventName;
  if (name === undefined || name === '') return rejectPayload('missing_event_name', undefined, 'the X-GitHub-Event header is required');
  const base = GithubBase.safeParse(payload);
  if (!base.success) return rejectPayload('malformed_payload', base.error);
  const out = new Adaptation();
  const brand = new BrandAccounts(ctx.source);
  const { receivedAt } = ctx;
  const locator = ctx.deliveryId ?? name;

  const on = <S extends z.ZodType>(schema: S, map: (event: z.infer<S>) => void): void => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) map(parsed.data);
    else out.ignoreMalformed(locator, parsed.error);
  };

  switch (name) {
    case 'star':
      on(StarEvent, (e) => adaptStar(e, brand, receivedAt, out));
      break;
    case 'watch':
      on(WatchEvent, (e) => adaptWatch(e, brand, receivedAt, out));
      break;
    case 'fork':
      on(ForkEvent, (e) => adaptFork(e, brand, receivedAt, out));
      break;
    case 'issues':
      on(IssuesEvent, (e) => adaptThread(e.action, 'issue', e.issue, e.repository.id, brand, receivedAt, out));
      break;
    case 'pull_request':
      on(PullRequestEvent, (e) => adaptThread(e.action, 'pull_request', e.pull_request, e.repository.id, brand, receivedAt, out));
      break;
    case 'discussion':
      on(DiscussionEvent, (e) => adaptThread(e.action, 'discussion', e.discussion, e.repository.id, brand, receivedAt, out));
      break;
    case 'issue_comment':
      on(IssueCommentEvent, (e) => adaptComment(e.action, 'issue', e.issue, e.comment, e.repository.id, brand, receivedAt, out));
      break;
    case 'discussion_comment':
      on(DiscussionCommentEvent, (e) => adaptComment(e.action, 'discussion', e.discussion, e.comment, e.repository.id, brand, receivedAt, out));
      break;
    case 'member':
      on(MemberEvent, (e) => adaptMembership(e, brand, receivedAt, out));
      break;
    case 'organization':
      on(OrganizationEvent, (e) => adaptMembership(e, brand, receivedAt, out));
      break;
    default:
      out.ignore(locator, `${name} events are not relationship interactions`);
  }
  return out.result();
}
