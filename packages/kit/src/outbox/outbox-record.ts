/** What a service writes into its outbox, in the transaction that changes the state it announces. */
export interface OutboxMessage {
  topic: string;
  /** The Kafka key (partitioning); null for none. */
  key: string | null;
  /** The Kafka value: the event's JSON (CloudEvents binary mode: the `data`). */
  value: string;
  /** Kafka headers (`ce_id`, `ce_type`, `traceparent`, …). */
  headers?: Readonly<Record<string, string>>;
}

/** A row read back by the relay, to be published. */
export interface OutboxRecord {
  /** The row's id (a bigint, as a string). Increasing in insertion order, not in commit order. */
  id: string;
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  createdAt: Date;
}

/**
 * Publishes a batch to Kafka. Must resolve only once every record is acknowledged (acks=all) and
 * reject otherwise; the relay then keeps the whole batch and publishes it again later, so a
 * partially published batch is published twice (at-least-once; consumers dedupe by event id).
 */
export type PublishFn = (records: readonly OutboxRecord[]) => Promise<void>;

/** The LISTEN/NOTIFY channel of a schema's outbox. */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}
