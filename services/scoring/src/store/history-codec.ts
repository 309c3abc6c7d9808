import { applyToHistory, type CompactEvent, type ModelConfig, type RelationshipHistory } from '../model';

/**
 * How a relationship's model state is stored (`relationships.state`). As the model keeps it, a
 * history holds two pass states: `base` (the folded events) and `head` (base advanced over the
 * retained recent events), each about a kilobyte. `head` is derived data, so it is stored as null
 * whenever it can be restored exactly (the option the model's README names):
 * - no retained event: head equals base (checked on the serialized form at every write);
 * - retained events that replay onto base in order — every retained retraction names an earlier
 *   retained event: decoding applies them again with the model's own `applyToHistory`.
 * Otherwise (a retained retraction of a folded or later event, which the model only takes through a
 * rebuild) head is stored as it is. Half the bytes to write, parse and keep in Postgres per update.
 */
export function encodeHistory(history: RelationshipHistory): string {
  const { base, head, ...rest } = history;
  const baseJson = JSON.stringify(base);
  let headJson: string;
  if (history.events.length === 0) {
    const full = JSON.stringify(head);
    headJson = full === baseJson ? 'null' : full;
  } else {
    headJson = replaysInOrder(history.events) ? 'null' : JSON.stringify(head);
  }
  // `rest` always has keys (modelVersion, cutoff, events…), so it splices after the first two.
  return `{"base":${baseJson},"head":${headJson},${JSON.stringify(rest).slice(1)}`;
}

function replaysInOrder(events: readonly CompactEvent[]): boolean {
  const seen = new Set<string>();
  for (const event of events) {
    if (event.type === 'retraction' && event.parentId !== undefined && !seen.has(event.parentId)) return false;
    seen.add(event.id);
  }
  return true;
}

type StoredHistory = Omit<RelationshipHistory, 'head'> & { head: RelationshipHistory['head'] | null };

/**
 * The stored form, as the database driver parsed it, back to the model's history. `config` is the
 * brand's model: a history of another model version is not replayed (the model refuses to apply
 * to it and asks for a rebuild from the event log anyway).
 */
export function decodeHistory(stored: unknown, config: ModelConfig): RelationshipHistory {
  const history = stored as StoredHistory;
  if (history.head !== null) return history as RelationshipHistory;
  // A copy, not the same object: the model advances `head` in place and must leave `base` alone.
  const head = structuredClone(history.base);
  if (history.events.length === 0 || history.modelVersion !== config.version) return { ...history, head };
  const restored: RelationshipHistory = { ...history, events: [], head };
  for (const event of history.events) {
    const outcome = applyToHistory(restored, event, config);
    if (outcome.kind !== 'applied') throw new Error(`stored history does not replay: ${outcome.kind === 'rebuild' ? outcome.reason : outcome.kind}`);
  }
  return restored;
}
