/**
 * (c) Kafka stops while rows are being written; once it is back, every row is published.
 * Runs a PRIVATE broker (its own port and data directory) so stopping it disturbs no other test.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  SCHEMA,
  commitRows,
  createTopic,
  kafkaClient,
  kafkaPublisher,
  outboxDatabase,
  readTopic,
  silentLogger,
  sleep,
  tally,
  until,
  type OutboxDatabase,
} from '../../test/outbox-fixtures';
import { outboxBacklog } from './outbox-backlog';
import { OutboxRelay } from './outbox-relay';

const KAFKA_SH = fileURLToPath(new URL('../../../../infra/kafka/kafka.sh', import.meta.url));
// Away from the shared broker (9092/9093); the pid of the test worker keeps parallel runs apart.
const port = 19_100 + (process.pid % 400) * 2;
const home = mkdtempSync(join(tmpdir(), 'rapport-outbox-kafka-'));
const brokerEnv = { ...process.env, KAFKA_PORT: String(port), KAFKA_HOME_DIR: home };
const run = promisify(execFile);
const broker = (command: 'start' | 'stop') => run('bash', [KAFKA_SH, command], { env: brokerEnv, timeout: 150_000 });

let env: OutboxDatabase;

beforeAll(async () => {
  await broker('start');
  env = await outboxDatabase('outbox-outage-test');
});

afterAll(async () => {
  await broker('stop').catch(() => {});
  rmSync(home, { recursive: true, force: true });
  await env?.close();
});

it('(c) publishes every row written while the broker was down, once it is back', async () => {
  const kafka = kafkaClient([`127.0.0.1:${port}`], 'outbox-outage-test');
  const topic = 'outage.v1';
  await createTopic(kafka, topic);
  const publisher = kafkaPublisher(kafka);
  const registry = new Registry();
  const relay = new OutboxRelay({
    pool: env.runtime.pool,
    schema: SCHEMA,
    publish: publisher.publish,
    logger: silentLogger,
    registry,
    batchSize: 200,
    publishTimeoutMs: 20_000,
    backoff: { initialMs: 200, maxMs: 2_000 },
  });
  relay.start();
  try {
    // Before: the pipeline works.
    await commitRows(env.runtime, topic, 0, 100);
    await until('the first rows to leave the outbox', async () => (await outboxBacklog(env.runtime.pool, SCHEMA)).count === 0, 30_000);

    // During: the broker is stopped; writers keep committing.
    await broker('stop');
    for (let i = 0; i < 10; i += 1) {
      await commitRows(env.runtime, topic, 100 + i * 50, 50);
      await sleep(300);
    }
    await until('a failed publish', async () => /outbox_publish_failures_total\{schema="scoring"\} [1-9]/.test(await registry.metrics()), 60_000);
    expect(await outboxBacklog(env.runtime.pool, SCHEMA)).toMatchObject({ count: 500 });
    const health = await relay.healthcheck();
    expect(health.ok).toBe(true); // degraded, not failed: the outbox absorbs the outage
    expect(health.detail).toMatch(/^degraded/);

    // After: the broker is back; the relay drains without being told.
    await broker('start');
    await until('an empty outbox', async () => (await outboxBacklog(env.runtime.pool, SCHEMA)).count === 0, 90_000);
    expect(await relay.healthcheck()).toEqual({ ok: true });

    const read = await readTopic(kafka, topic);
    try {
      await until('600 records on the topic', () => read.received.length >= 600, 60_000);
      await sleep(1_000);
      const { missing, duplicated } = tally(read.received, 600);
      expect(missing).toEqual([]);
      // At-least-once: a publish that timed out may have landed; the producer here fails fast
      // (bounded retries) well inside publishTimeoutMs, so none is expected.
      expect(duplicated).toEqual([]);
    } finally {
      await read.stop();
    }
  } finally {
    await relay.stop();
    await publisher.close();
  }
});
