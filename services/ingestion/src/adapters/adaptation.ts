import { InteractionEventInput, summarizeIssues, type IssueSummary } from '@rapport/contracts';
import type * as z from 'zod';
import type { AdaptedPayload, AdapterRejection, AdapterRejectionReason, IgnoredItem, MemberlessEvent, UnresolvedAnswer } from './adapter-contract';

// Stands in for the member while an unresolved answer is checked against the contract.
const PLACEHOLDER_MEMBER = { platformId: 'unresolved' };

/**
 * Collects what one payload maps to. Every event is checked against the canonical contract on
 * the way in, so an adapter can only ever hand out valid events; one that fails (an id longer
 * than the contract allows, say) is acknowledged as ignored with the failing paths.
 */
export class Adaptation {
  private readonly events: InteractionEventInput[] = [];
  private readonly ignored: IgnoredItem[] = [];
  private readonly unresolved: UnresolvedAnswer[] = [];

  emit(draft: InteractionEventInput): void {
    const parsed = InteractionEventInput.safeParse(draft);
    if (parsed.success) this.events.push(parsed.data);
    else this.ignore(draft.id, invalidReason(parsed.error));
  }

  /** An outbound answer whose member is the author of the inbound event `answersId`. */
  answer(answersId: string, event: MemberlessEvent): void {
    const parsed = InteractionEventInput.safeParse({ ...event, member: PLACEHOLDER_MEMBER });
    if (!parsed.success) return this.ignore(event.id, invalidReason(parsed.error));
    const { member: _placeholder, ...checked } = parsed.data;
    this.unresolved.push({ answersId, event: checked });
  }

  ignore(id: string, reason: string): void {
    this.ignored.push({ id, reason });
  }

  /** Ignores a native item that did not parse, naming the first paths that failed. */
  ignoreMalformed(id: string, error: z.ZodError): void {
    this.ignore(id, `malformed: ${describe(summarizeIssues(error))}`);
  }

  result(): AdaptedPayload {
    return { ok: true, events: this.events, ignored: this.ignored, unresolved: this.unresolved };
  }
}

function describe(issues: IssueSummary[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path || '(root)'} ${i.message}`)
    .join('; ');
}

function invalidReason(error: z.ZodError): string {
  return `invalid_event: ${describe(summarizeIssues(error))}`;
}

export function rejectPayload(reason: AdapterRejectionReason, error?: z.ZodError, message?: string): AdapterRejection {
  const issues = error ? summarizeIssues(error) : [{ path: '', message: message ?? reason }];
  return { ok: false, reason, issues };
}

/** The answer completed with the member the caller found for `answersId`. */
export function withMember(answer: UnresolvedAnswer, member: InteractionEventInput['member']): InteractionEventInput {
  return { ...answer.event, member };
}
