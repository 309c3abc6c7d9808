import type { RelationshipHistory } from '../model';

/**
 * How a relationship's model state is stored (`relationships.state`). As the model keeps it, a
 * history holds two pass states: `base` (the folded events) and `head` (base advanced over the
 * retained recent events). Once every event is folded — most relationships most of the time — the
 * two are equal, and the row would carry the same kilobyte twice. Then only `base` is stored and
 * `head` is null; decoding restores an equal, separate copy.
 *
 * NOTE: equality is checked on the serialized form at every write, so this relies on no model
 * invariant: when they differ, both are stored.
 */
export function encodeHistory(history: RelationshipHistory): string {
  const { base, head, ...rest } = history;
  const baseJson = JSON.stringify(base);
  const headJson = JSON.stringify(head);
  // `rest` always has keys (modelVersion, cutoff, events…), so it splices after the first two.
  return `{"base":${baseJson},"head":${headJson === baseJson ? 'null' : headJson},${JSON.stringify(rest).slice(1)}`;
}

/** The stored form, as the database driver parsed it, back to the model's history. */
export function decodeHistory(stored: unknown): RelationshipHistory {
  const history = stored as Omit<RelationshipHistory, 'head'> & { head: RelationshipHistory['head'] | null };
  // A copy, not the same object: the model advances `head` in place and must leave `base` alone.
  return { ...history, head: history.head ?? structuredClone(history.base) };
}
