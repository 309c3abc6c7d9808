import { CompressionTypes, Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer, RecordMetadata, TopicMessages } from 'kafkajs';
import type { Logger } from 'pino';
import type { Component, Health } from '../lifecycle';

export interface CreateProducerOptions {
  /** Component id shown by `/readyz`; `kafka-producer` by default. */
  id?: string;
  logger: Logger;
  compression?: CompressionTypes;
  /** How long the broker may wait for all in-sync replicas before failing a send. */
  ackTimeoutMs?: number;
  /** How long a healthcheck may spend (re)connecting. */
  healthTimeoutMs?: number;
}

export interface KafkaProducer extends Component {
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  send(topic: string, messages: readonly Message[]): Promise<RecordMetadata[]>;
  /** Several topics in one round trip per broker; same acknowledgement as `send`. */
  sendBatch(topicMessages: readonly TopicMessages[]): Promise<RecordMetadata[]>;
}

export class ProducerStopped extends Error {
  constructor() {
    super('the Kafka producer is stopped');
    this.name = 'ProducerStopped';
  }
}

/**
 * An idempotent producer (acks from all in-sync replicas, one request in flight per broker, as
 * kafkajs requires for idempotence) that connects on first use and after any failure.
 *
 * TRICKY: kafkajs rolls its sequence numbers back when a send fails for good, but the broker may
 * have written that batch (a timeout after the write). Reusing those sequence numbers for the next,
 * different messages would make the broker drop them as duplicates — silent loss. So a failed send
 * retires the kafkajs producer; the next send starts a new one with a fresh producer id.
 */
export function createProducer(kafka: Kafka, options: CreateProducerOptions): KafkaProducer {
  const { logger, compression = CompressionTypes.None, ackTimeoutMs = 30_000, healthTimeoutMs = 5_000 } = options;
  const id = options.id ?? 'kafka-producer';
  const log = logger.child({ component: id });
  interface Entry {
    producer: Producer;
    ready: Promise<Producer>;
  }
  let current: Entry | null = null;
  let stopped = false;

  function currentEntry(): Entry {
    if (stopped) throw new ProducerStopped();
    if (current !== null) return current;
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The Java client's murmur2 partitioner: a key lands on the same partition whichever client sent it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const entry: Entry = {
      producer,
      ready: producer.connect().then(
        () => producer,
        (error: unknown) => {
          retire(entry);
          throw error;
        },
      ),
    };
    // A connection lost for good (kafkajs gave up) leaves a disconnected producer: start afresh.
    producer.on(producer.events.DISCONNECT, () => {
      if (current === entry) current = null;
    });
    current = entry;
    return entry;
  }

  function retire(entry: Entry): void {
    if (current !== entry) return;
    current = null;
    entry.producer.disconnect().catch(() => undefined);
  }

  async function withProducer(work: (producer: Producer) => Promise<RecordMetadata[]>): Promise<RecordMetadata[]> {
    const entry = currentEntry();
    try {
      return await work(await entry.ready);
    } catch (error) {
      retire(entry);
      log.warn({ err: error }, 'kafka send failed; the next send uses a new producer');
      throw error;
    }
  }

  return {
    id,
    send(topic, messages) {
      return withProducer((producer) => producer.send({ topic, messages: [...messages], acks: -1, timeout: ackTimeoutMs, compression }));
    },
    sendBatch(topicMessages) {
      return withProducer((producer) =>
        producer.sendBatch({
          topicMessages: topicMessages.map((t) => ({ topic: t.topic, messages: [...t.messages] })),
          acks: -1,
          timeout: ackTimeoutMs,
          compression,
        }),
      );
    },
    async healthcheck(): Promise<Health> {
      if (stopped) return { ok: false, detail: 'stopped' };
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no connection within ${healthTimeoutMs} ms`)), healthTimeoutMs);
      });
      try {
        await Promise.race([currentEntry().ready, timeout]);
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: `cannot reach Kafka: ${error instanceof Error ? error.message : String(error)}` };
      } finally {
        clearTimeout(timer);
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const entry = current;
      current = null;
      if (entry !== null) {
        await entry.ready.catch(() => undefined);
        await entry.producer.disconnect().catch(() => undefined);
      }
    },
  };
}
