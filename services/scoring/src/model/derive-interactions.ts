import type { AppliedInteraction } from '@rapport/contracts';
import { canonicalEvents, compactEvent, type CompactEvent } from './compact-event';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from './model-config';
import type { ModelEvent } from './model-event';
import { applyEvent, emptyPassState, startRun, type DerivedFacts } from './relationship-pass';
import { retractionTargets } from './retractions';
import { loveWeight } from './weights';

/**
 * The entry of `cause.interactions` for one event: what scoring derived, so no reader recomputes
 * it. `withdrawn` (not in the spec's list; readers ignore unknown fields) marks an event a
 * retraction in the set names: it weighs nothing and carries no sentiment.
 */
export type DerivedInteraction = AppliedInteraction & { withdrawn?: true };

export function derivedEntry(event: ModelEvent, compact: CompactEvent, facts: DerivedFacts, config: ModelConfig): DerivedInteraction {
  const entry: DerivedInteraction = {
    id: event.id,
    type: event.type,
    direction: event.direction,
    platform: event.platform,
    occurredAt: event.occurredAt,
    weight: facts.withdrawn === true ? 0 : loveWeight(compact, config),
    sentiment: facts.withdrawn === true ? null : compact.sentiment,
  };
  if (event.sourceId !== undefined) entry.sourceId = event.sourceId;
  if (facts.withdrawn === true) entry.withdrawn = true;
  if (facts.answers !== undefined) entry.answers = facts.answers;
  if (facts.responseSeconds !== undefined) entry.responseSeconds = facts.responseSeconds;
  if (event.type === 'conversion' && event.conversion !== undefined) {
    entry.value = event.conversion.value;
    entry.currency = event.conversion.currency;
  }
  if (facts.stageBefore !== undefined) entry.stageBefore = facts.stageBefore;
  if (event.type === 'retraction' && event.content?.parentId !== undefined) entry.retracts = event.content.parentId;
  return entry;
}

/**
 * The derived entry of every event of a relationship, in canonical order, one per id: weight,
 * sentiment, for an outbound answer the inbound it answers and the response time, for a
 * conversion the stage just before it (the stage at its instant from the events strictly before
 * it), for a retraction the event it withdraws. A function of the set of events.
 */
export function deriveInteractions(events: Iterable<ModelEvent>, config: ModelConfig = DEFAULT_MODEL_CONFIG): DerivedInteraction[] {
  const source = new Map<CompactEvent, ModelEvent>();
  for (const event of events) source.set(compactEvent(event), event);
  const canonical = canonicalEvents(source.keys());
  const sink = new Map<string, DerivedFacts>();
  const run = startRun(emptyPassState(), config, retractionTargets(canonical), sink);
  for (const event of canonical) applyEvent(run, event);
  return canonical.map((compact) => derivedEntry(source.get(compact) as ModelEvent, compact, sink.get(compact.id) ?? {}, config));
}
