import { CE_SOURCES, CE_TYPES, interactionKey, toKafkaHeaders } from '@rapport/contracts';
import { CompressionTypes } from 'kafkajs';
import { interactionStream } from '../../services/scoring/test/interaction-stream';
import { benchKafka } from '../support/bench-topics';

export interface BacklogOptions {
  brokers: readonly string[];
  topic: string;
  events: number;
  members: number;
  brandId: string;
  /** Event times end this long before now. */
  spanMs: number;
}

export interface Backlog {
  events: number;
  /** Members that got at least one event: the relationships scoring must end with. */
  members: number;
  bytes: number;
  seconds: number;
}

/**
 * Publishes the backlog like ingestion's relay would (key `${brandId}:${platform}:${platformId}`,
 * CloudEvents headers), from the deterministic interaction stream: mostly in event-time order, 5%
 * arriving up to 6 hours late, over the members at random.
 */
export async function produceBacklog(options: BacklogOptions, progress: (message: string) => void): Promise<Backlog> {
  const producer = benchKafka(options.brokers, 'rapport-bench-scoring-backlog').producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  const started = performance.now();
  const seen = new Set<string>();
  let bytes = 0;
  let sent = 0;
  const CHUNK = 10_000;
  let chunk: { key: string; value: string; headers: Record<string, string> }[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    await producer.send({ topic: options.topic, acks: -1, compression: CompressionTypes.None, messages: chunk });
    sent += chunk.length;
    chunk = [];
    if (sent % 200_000 === 0) progress(`backlog: ${sent} events published`);
  };
  const now = Date.now();
  for (const event of interactionStream({
    seed: 20_251_125,
    brandId: options.brandId,
    sourceId: 'bench-source',
    members: options.members,
    events: options.events,
    start: now - options.spanMs - 3_600_000,
    spanMs: options.spanMs,
  })) {
    seen.add(event.member.platformId);
    const value = JSON.stringify(event);
    bytes += value.length;
    chunk.push({
      key: interactionKey(event),
      value,
      headers: toKafkaHeaders({ id: `${event.sourceId}:${event.id}`, source: CE_SOURCES.ingestion, type: CE_TYPES.interactions, time: event.receivedAt }),
    });
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  await producer.disconnect();
  return { events: sent, members: seen.size, bytes, seconds: (performance.now() - started) / 1000 };
}
