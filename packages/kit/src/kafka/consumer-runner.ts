import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { toDlqHeaders } from '@rapport/contracts';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Component, Health } from '../lifecycle';
import type { BackoffPolicy } from './backoff';
import { DEFAULT_BACKOFF, backoffDelay } from './backoff';
import type { BatchContext, BatchHandler } from './batch-handler';
import type { Settlement } from './batch-settlement';
import { retryFromIndex, settleBatch } from './batch-settlement';
import type { ConsumedMessage } from './consumed-message';
import { toConsumedMessage } from './consumed-message';
import { consumerMetrics } from './consumer-metrics';
import { deadLetterRecord, dlqTopic } from './dead-letter';
import { registerGroupLagMetrics } from './group-lag-metrics';
import { retry } from './outcomes';
import type { MessageOutcome } from './outcomes';
import type { KafkaProducer } from './producer';

export interface ConsumerRunnerOptions {
  groupId: string;
  topics: readonly string[];
  /** The consuming service, recorded as `dlq_service` on dead letters. */
  service: string;
  handler: BatchHandler;
  /** Publishes dead letters; stop the runner before it. */
  producer: KafkaProducer;
  logger: Logger;
  /** Component id shown by `/readyz`; `kafka-consumer:<groupId>` by default. */
  id?: string;
  /**
   * Lag, batch size and duration, dead letters and retries are reported here when given; so are the
   * group's lag and its pending dead letters as the broker sees them (read at scrape time).
   */
  registry?: Registry;
  /** Where a group without committed offsets starts: the oldest retained message by default. */
  fromBeginning?: boolean;
  backoff?: BackoffPolicy;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  rebalanceTimeoutMs?: number;
  /** Longest a fetch waits for data; also bounds how long `stop()` waits for an idle fetch. */
  maxWaitTimeMs?: number;
  maxBytesPerPartition?: number;
  /** Most bytes one fetch returns across partitions (kafkajs default 10 MiB): raise it with `maxBytesPerPartition`. */
  maxBytes?: number;
  /** Partitions handled at the same time by this member (each still one batch at a time). */
  partitionsConsumedConcurrently?: number;
  /** `start()` fails if the group is not joined within this time. */
  joinTimeoutMs?: number;
}

export interface ConsumerRunner extends Component {
  /** Connects, subscribes and resolves once this member has joined its group. */
  start(): Promise<void>;
}

type State = 'new' | 'starting' | 'running' | 'restarting' | 'crashed' | 'stopping' | 'stopped';

/**
 * Consumes topics batch by batch and commits only what was processed.
 *
 * For each partition batch: the handler returns one outcome per message; messages up to the first
 * `retry` are settled (bad ones copied to `<topic>.dlq` first), their offsets resolved and
 * committed; from the first `retry` on nothing is committed, the partition is paused for an
 * exponentially growing, capped delay and then refetched from that message. A handler that throws
 * is a `retry` of the whole batch. Heartbeats run while the handler works; a failed one (a
 * rebalance) or `stop()` aborts the batch's signal, what was settled is committed, the rest is
 * redelivered to whoever owns the partition next.
 */
export function createConsumerRunner(kafka: Kafka, options: ConsumerRunnerOptions): ConsumerRunner {
  const {
    groupId,
    topics,
    service,
    handler,
    producer,
    fromBeginning = true,
    backoff = DEFAULT_BACKOFF,
    sessionTimeoutMs = 30_000,
    heartbeatIntervalMs = 3_000,
    rebalanceTimeoutMs = 60_000,
    maxWaitTimeMs = 1_000,
    maxBytesPerPartition = 1_048_576,
    maxBytes = 10_485_760,
    partitionsConsumedConcurrently = 1,
    joinTimeoutMs = 60_000,
  } = options;
  const id = options.id ?? `kafka-consumer:${groupId}`;
  // Fail at construction, not at the first bad message, if dead letters could never be labelled.
  for (const topic of topics) toDlqHeaders({ reason: 'check', service, topic, partition: 0, offset: '0', timestamp: '0' });
  const log = options.logger.child({ component: id, groupId });
  const metrics = consumerMetrics(options.registry, groupId);
  // The group's lag as the broker sees it, read at scrape time: still moving when no batch comes.
  const brokerLag = options.registry === undefined ? undefined : registerGroupLagMetrics(options.registry, kafka, { groupId, topics });

  let consumer: Consumer | null = null;
  let state: State = 'new';
  let problem: string | undefined;
  let stopping: Promise<void> | null = null;
  const inFlight = new Set<AbortController>();
  const resumeTimers = new Map<string, NodeJS.Timeout>();
  // The offset a partition is retrying from and how many times it failed there, for the backoff.
  const retries = new Map<string, { offset: string; attempt: number }>();

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, partition } = batch;
    if (stopping !== null || !payload.isRunning() || payload.isStale()) return;
    const startedAt = performance.now();
    const messages = batch.messages.map((message) => toConsumedMessage(topic, partition, message));
    const controller = new AbortController();
    let heartbeatFailure: unknown = null;

    const context: BatchContext = {
      topic,
      partition,
      signal: controller.signal,
      logger: log.child({ topic, partition }),
      async heartbeat() {
        if (controller.signal.aborted) return;
        if (!payload.isRunning() || payload.isStale()) {
          controller.abort();
          return;
        }
        try {
          await payload.heartbeat();
        } catch (error) {
          heartbeatFailure ??= error;
          controller.abort();
        }
      },
    };

    inFlight.add(controller);
    // NOTE: kafkajs only heartbeats between batches; a long set-based batch (one big transaction,
    // or dead letters waiting for a slow broker) would otherwise outlive the session and be
    // handed to another member mid-work.
    const ticker = setInterval(() => void context.heartbeat(), heartbeatIntervalMs);
    let settlement: Settlement<ConsumedMessage>;
    try {
      let outcomes: readonly MessageOutcome[];
      try {
        outcomes = await handler(messages, context);
      } catch (error) {
        if (!controller.signal.aborted) {
          log.error({ err: error, topic, partition, offset: batch.firstOffset() }, 'batch handler threw; the batch will be retried');
        }
        outcomes = messages.map(() => retry(error));
      }

      settlement = settle(messages, outcomes, topic, partition);
      if (settlement.deadLetters.length > 0) settlement = await publishDeadLetters(messages, settlement, topic, partition);

      if (settlement.lastSettled !== null) {
        const last = settlement.lastSettled;
        payload.resolveOffset(last.offset);
        // Past the last message of the batch the commit also skips trailing control records.
        const next = last === messages[messages.length - 1] ? BigInt(batch.lastOffset()) + 1n : BigInt(last.offset) + 1n;
        await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next.toString() }] }] });
      }
    } finally {
      clearInterval(ticker);
      inFlight.delete(controller);
    }

    metrics.batch({
      topic,
      partition,
      size: messages.length,
      lag: Number(batch.offsetLag()),
      durationSeconds: (performance.now() - startedAt) / 1000,
    });

    const key = `${topic}:${partition}`;
    if (settlement.retryFrom === null) retries.delete(key);
    else if (!controller.signal.aborted) backOff(key, topic, partition, settlement.retryFrom, () => payload.pause());
    // A rebalance seen by a heartbeat is kafkajs' to handle (it rejoins): hand it back.
    if (heartbeatFailure !== null) throw heartbeatFailure instanceof Error ? heartbeatFailure : new Error(errorMessage(heartbeatFailure));
  }

  function settle(messages: readonly ConsumedMessage[], outcomes: readonly MessageOutcome[], topic: string, partition: number) {
    try {
      return settleBatch(messages, outcomes);
    } catch (error) {
      log.error({ err: error, topic, partition }, 'handler outcomes do not match the batch; the batch will be retried');
      return settleBatch(
        messages,
        messages.map(() => retry(error)),
      );
    }
  }

  async function publishDeadLetters(
    messages: readonly ConsumedMessage[],
    settlement: Settlement<ConsumedMessage>,
    topic: string,
    partition: number,
  ): Promise<Settlement<ConsumedMessage>> {
    try {
      const records = settlement.deadLetters.map(({ message, reason }) => deadLetterRecord(message, { reason, service }));
      await producer.send(dlqTopic(topic), records);
    } catch (error) {
      // Without its dead letter a bad message is not settled: retry from it, commit before it.
      const first = settlement.deadLetters[0]?.message as ConsumedMessage;
      log.warn({ topic, partition, offset: first.offset, reason: errorMessage(error) }, 'could not publish dead letters; retrying');
      return retryFromIndex(messages, settlement, messages.indexOf(first), error);
    }
    metrics.deadLettered(topic, settlement.deadLetters.length);
    for (const { message, reason } of settlement.deadLetters) {
      log.warn({ topic, partition, offset: message.offset, dlqTopic: dlqTopic(topic), reason }, 'message dead-lettered');
    }
    return settlement;
  }

  function backOff(key: string, topic: string, partition: number, from: { message: ConsumedMessage; error: unknown }, pause: () => () => void): void {
    const previous = retries.get(key);
    const attempt = previous?.offset === from.message.offset ? previous.attempt + 1 : 0;
    retries.set(key, { offset: from.message.offset, attempt });
    const delayMs = backoffDelay(attempt, backoff);
    metrics.retried(topic, partition);
    log.warn(
      { topic, partition, offset: from.message.offset, attempt, delayMs, reason: errorMessage(from.error) },
      'retry requested: partition paused, nothing committed from this offset',
    );
    const resume = pause();
    clearTimeout(resumeTimers.get(key));
    resumeTimers.set(
      key,
      setTimeout(() => {
        resumeTimers.delete(key);
        resume();
      }, delayMs),
    );
  }

  async function start(): Promise<void> {
    if (state !== 'new') throw new Error(`consumer ${id} cannot start: it is ${state}`);
    state = 'starting';
    const created = kafkaConsumer();
    consumer = created;
    const joined = new Promise<void>((resolve) => {
      const remove = created.on(created.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`consumer ${id} did not join its group within ${joinTimeoutMs} ms`)), joinTimeoutMs);
    });
    try {
      await created.connect();
      await created.subscribe({ topics: [...topics], fromBeginning });
      await created.run({ eachBatch, eachBatchAutoResolve: false, autoCommit: false, partitionsConsumedConcurrently });
      await Promise.race([joined, timeout]);
    } catch (error) {
      problem = errorMessage(error);
      await stop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    log.info({ topics }, 'consumer joined its group');
  }

  function kafkaConsumer(): Consumer {
    const created = kafka.consumer({
      groupId,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: heartbeatIntervalMs,
      rebalanceTimeout: rebalanceTimeoutMs,
      maxWaitTimeInMs: maxWaitTimeMs,
      maxBytesPerPartition,
      maxBytes,
      allowAutoTopicCreation: false,
    });
    created.on(created.events.GROUP_JOIN, () => {
      if (state === 'starting' || state === 'restarting') state = 'running';
      problem = undefined;
    });
    created.on(created.events.CRASH, (event) => {
      if (stopping !== null) return;
      problem = `crashed: ${errorMessage(event.payload.error)}`;
      // kafkajs restarts the consumer itself unless the error is final.
      state = event.payload.restart ? 'restarting' : 'crashed';
      log.error({ reason: problem, restart: event.payload.restart }, 'consumer crashed');
    });
    return created;
  }

  function stop(): Promise<void> {
    stopping ??= (async () => {
      state = 'stopping';
      for (const controller of inFlight) controller.abort();
      for (const timer of resumeTimers.values()) clearTimeout(timer);
      resumeTimers.clear();
      // Waits for the batch in flight (which commits only what it settled), then leaves the group.
      await consumer?.disconnect().catch((error: unknown) => log.warn({ reason: errorMessage(error) }, 'consumer disconnect failed'));
      await brokerLag?.stop();
      state = 'stopped';
    })();
    return stopping;
  }

  function health(): Health {
    switch (state) {
      case 'running':
        return { ok: true };
      case 'new':
        return { ok: false, detail: 'not started' };
      case 'starting':
        return { ok: false, detail: 'joining its group' };
      case 'restarting':
      case 'crashed':
        return { ok: false, detail: problem ?? state };
      case 'stopping':
      case 'stopped':
        return { ok: false, detail: state };
    }
  }

  return { id, start, stop, healthcheck: () => Promise.resolve(health()) };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
