import type { InteractionEvent } from '@rapport/contracts';

// What reporting's brand-wide figures must add up to, computed from the accepted events alone
// (spec/api.md): the health series' `interactions` count every inbound event of the period, the
// funnel's `revenueByStage` every conversion of the range — teammates excluded, and an event
// withdrawn by a retraction as if it had never happened. A double-applied update shows here as an
// excess, whatever read model it went through. Pure.

export interface MemberEvents {
  /** The member is brand staff (the model's `isTeam`): excluded from community figures. */
  isTeam: boolean;
  events: readonly InteractionEvent[];
}

export interface ExpectedRollups {
  /** Inbound events of counted members, by type (retractions themselves are not interactions). */
  interactionsByType: Record<string, number>;
  interactions: number;
  /** Conversions of counted members, by currency. */
  conversions: Record<string, { count: number; revenue: number }>;
}

/** Ids withdrawn by the member's retractions; a retraction itself is never withdrawn (the model's rule). */
export function withdrawnIds(events: readonly InteractionEvent[]): Set<string> {
  const named = new Set<string>();
  for (const e of events) if (e.type === 'retraction' && e.content?.parentId !== undefined) named.add(e.content.parentId);
  const withdrawn = new Set<string>();
  for (const e of events) if (e.type !== 'retraction' && named.has(e.id)) withdrawn.add(e.id);
  return withdrawn;
}

export function expectedRollups(members: Iterable<MemberEvents>, range: { fromMs: number; toMs: number }): ExpectedRollups {
  const out: ExpectedRollups = { interactionsByType: {}, interactions: 0, conversions: {} };
  for (const member of members) {
    if (member.isTeam) continue;
    const withdrawn = withdrawnIds(member.events);
    for (const e of member.events) {
      const at = Date.parse(e.occurredAt);
      if (withdrawn.has(e.id) || at < range.fromMs || at >= range.toMs) continue;
      if (e.direction === 'inbound' && e.type !== 'retraction') {
        out.interactionsByType[e.type] = (out.interactionsByType[e.type] ?? 0) + 1;
        out.interactions++;
      }
      if (e.type === 'conversion' && e.conversion !== undefined) {
        const bucket = (out.conversions[e.conversion.currency] ??= { count: 0, revenue: 0 });
        bucket.count++;
        bucket.revenue += e.conversion.value;
      }
    }
  }
  return out;
}
