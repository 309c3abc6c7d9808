import { toInteractionEvent, type InteractionEvent, type InteractionEventInput } from '@rapport/contracts';
import { withMember, type AdaptedPayload, type IgnoredItem } from '../adapters';
import { checkOccurredAt } from './event-time-window';

export interface PlatformEventsContext {
  sourceId: string;
  brandId: string;
  receivedAt: Date;
  retentionMs: number;
  /** Members of events accepted earlier, by event id (for answers whose payload names no member). */
  knownMembers: ReadonlyMap<string, string>;
}

/**
 * An adapter's output → the canonical events to store and everything acknowledged without being
 * stored. A platform cannot fix its payload, so what the canonical route answers 400 for
 * (an event outside the time window) is ignored here with its reason instead; a brand's answer to
 * an event nobody has seen is ignored too.
 */
export function platformEvents(adapted: AdaptedPayload, ctx: PlatformEventsContext): { events: InteractionEvent[]; ignored: IgnoredItem[] } {
  const ignored: IgnoredItem[] = [...adapted.ignored];
  const inPayload = new Map(adapted.events.map((e) => [e.id, e.member.platformId]));
  const inputs: InteractionEventInput[] = [...adapted.events];
  for (const answer of adapted.unresolved) {
    const platformId = inPayload.get(answer.answersId) ?? ctx.knownMembers.get(answer.answersId);
    if (platformId === undefined) ignored.push({ id: answer.event.id, reason: `answers ${answer.answersId}, which was never received` });
    else inputs.push(withMember(answer, { platformId }));
  }

  const context = { brandId: ctx.brandId, sourceId: ctx.sourceId, receivedAt: ctx.receivedAt.toISOString() };
  const events: InteractionEvent[] = [];
  for (const input of inputs) {
    const window = checkOccurredAt(input.occurredAt, ctx.receivedAt, ctx.retentionMs);
    if (!window.ok) ignored.push({ id: input.id, reason: `occurredAt ${window.message}` });
    else events.push(toInteractionEvent(input, context));
  }
  return { events, ignored };
}

/** The event ids a payload's unresolved answers answer, to look their members up. */
export function answeredIds(adapted: AdaptedPayload): string[] {
  const inPayload = new Set(adapted.events.map((e) => e.id));
  return adapted.unresolved.map((a) => a.answersId).filter((id) => !inPayload.has(id));
}
