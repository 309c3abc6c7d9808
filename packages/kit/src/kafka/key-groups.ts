/** Messages of one key, in offset order. `key` is null for messages sent without a key. */
export interface KeyGroup<M> {
  key: string | null;
  messages: M[];
}

/**
 * Splits a partition's batch by message key, keeping offset order inside each key and the order
 * in which keys first appear. Kafka only orders messages per partition; processing a batch key by
 * key keeps the order that matters (one relationship's events) while letting the runner
 * heartbeat between groups.
 */
export function groupByKey<M extends { key: string | null }>(messages: readonly M[]): KeyGroup<M>[] {
  const groups = new Map<string | null, KeyGroup<M>>();
  for (const message of messages) {
    let group = groups.get(message.key);
    if (group === undefined) {
      group = { key: message.key, messages: [] };
      groups.set(message.key, group);
    }
    group.messages.push(message);
  }
  return [...groups.values()];
}
