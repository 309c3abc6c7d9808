import type { Kafka } from 'kafkajs';
import { dlqTopic } from '@rapport/contracts';
import { createProducer } from '@rapport/kit/kafka';
import type { Logger } from '@rapport/kit/log';
import { readDeadLetters } from './dead-letter-reader';
import { countByReason, isSelected, provenanceOf, replayedMessage, type DeadLetterSelection } from './dead-letter-selection';

export interface ReplayOptions {
  /** The original topic (`interactions.v1`): its `<topic>.dlq` is read, and it receives the records. */
  topic: string;
  selection: DeadLetterSelection;
  /** Report what would be replayed, publish nothing. */
  dryRun: boolean;
  logger: Logger;
}

export interface ReplayReport {
  topic: string;
  dlqTopic: string;
  dryRun: boolean;
  /** Records in the dead-letter topic. */
  examined: number;
  selected: number;
  republished: number;
  /** Selected records whose provenance names another topic: left alone. */
  foreign: number;
  selectedByReason: [string, number][];
  /** Highest selected offset per dead-letter partition (for `dlq ack --to-offset`). */
  lastSelectedOffsets: Record<number, string>;
}

const CHUNK = 500;

/**
 * Re-publishes selected dead letters to their original topic — key, value and headers as first
 * sent, minus the provenance — with the idempotent producer, in dead-letter order. The consumers
 * must be fixed first: a record that still fails is dead-lettered again, with fresh provenance.
 * Replaying twice publishes twice; Rapport's consumers dedupe by event id, so that is harmless,
 * but `dlq ack` after a replay says it was dealt with.
 */
export async function replayDeadLetters(kafka: Kafka, options: ReplayOptions): Promise<ReplayReport> {
  const dlq = dlqTopic(options.topic);
  const records = await readDeadLetters(kafka, dlq);
  const selected = records.filter((record) => isSelected(record, options.selection));
  const ours = selected.filter((record) => (provenanceOf(record)?.topic ?? options.topic) === options.topic);
  const lastSelectedOffsets: Record<number, string> = {};
  for (const record of ours) lastSelectedOffsets[record.partition] = record.offset;

  let republished = 0;
  if (!options.dryRun && ours.length > 0) {
    const producer = createProducer(kafka, { logger: options.logger });
    try {
      for (let start = 0; start < ours.length; start += CHUNK) {
        const chunk = ours.slice(start, start + CHUNK).map(replayedMessage);
        await producer.send(options.topic, chunk);
        republished += chunk.length;
      }
    } finally {
      await producer.stop();
    }
  }
  return {
    topic: options.topic,
    dlqTopic: dlq,
    dryRun: options.dryRun,
    examined: records.length,
    selected: selected.length,
    republished,
    foreign: selected.length - ours.length,
    selectedByReason: countByReason(ours),
    lastSelectedOffsets,
  };
}
