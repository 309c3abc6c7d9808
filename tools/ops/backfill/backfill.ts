import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { createProducer } from '@rapport/kit/kafka';
import type { Logger } from '@rapport/kit/log';
import { archivedDeliveries, type ArchiveRange } from './archived-deliveries';
import { replayDelivery } from './canonical-replay';

/** Messages per produce request: well under the brokers' request size with 1 MiB events. */
const CHUNK = 500;

export interface BackfillOptions extends ArchiveRange {
  /** Where ingestion publishes (`interactions.v1`). */
  topic: string;
  dryRun: boolean;
  logger: Logger;
}

export interface BackfillReport {
  brandId: string;
  from: string;
  to: string;
  topic: string;
  dryRun: boolean;
  deliveries: number;
  /** Messages re-published (or that would be, in a dry run). */
  events: number;
  published: number;
  /** Deliveries left out, by reason. */
  skipped: Record<string, number>;
}

/**
 * Re-publishes the archived events of a brand received in a range to `interactions.v1`, exactly
 * as ingestion published them (same key, CloudEvents id, headers and event), with the idempotent
 * producer. Scoring keeps each (source, event id) once, so re-publishing events it already counted
 * changes nothing; it restores what a consumer never saw (a topic lost or truncated by retention).
 */
export async function backfill(pool: Pool, kafka: Kafka | undefined, options: BackfillOptions): Promise<BackfillReport> {
  const report: BackfillReport = {
    brandId: options.brandId,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    topic: options.topic,
    dryRun: options.dryRun,
    deliveries: 0,
    events: 0,
    published: 0,
    skipped: {},
  };
  if (!options.dryRun && kafka === undefined) throw new Error('backfill needs Kafka unless it is a dry run');
  const producer = options.dryRun || kafka === undefined ? undefined : createProducer(kafka, { logger: options.logger });
  try {
    for await (const page of archivedDeliveries(pool, options)) {
      const messages = [];
      for (const delivery of page) {
        report.deliveries += 1;
        const replayed = replayDelivery(delivery);
        if (!replayed.ok) {
          report.skipped[replayed.reason] = (report.skipped[replayed.reason] ?? 0) + 1;
          continue;
        }
        messages.push(...replayed.messages);
      }
      report.events += messages.length;
      for (let start = 0; producer !== undefined && start < messages.length; start += CHUNK) {
        const chunk = messages.slice(start, start + CHUNK);
        await producer.send(options.topic, chunk);
        report.published += chunk.length;
      }
    }
  } finally {
    await producer?.stop();
  }
  return report;
}
