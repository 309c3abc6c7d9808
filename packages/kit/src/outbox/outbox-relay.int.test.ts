import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SCHEMA,
  commitRows,
  createTopic,
  kafkaClient,
  kafkaPublisher,
  outboxDatabase,
  readTopic,
  rowsFor,
  sharedKafkaBrokers,
  silentLogger,
  sleep,
  tally,
  until,
  type OutboxDatabase,
} from '../../test/outbox-fixtures';
import { createPool, transaction } from '../pg';
import { outboxBacklog } from './outbox-backlog';
import type { PublishFn } from './outbox-record';
import { OutboxRelay } from './outbox-relay';
import { writeOutbox } from './outbox-writer';

let env: OutboxDatabase;
let kafka: Kafka;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  env = await outboxDatabase('outbox-relay-test');
  kafka = kafkaClient(sharedKafkaBrokers(), 'outbox-relay-test');
});

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
  await env?.close();
});

async function freshTopic(): Promise<string> {
  const topic = `outbox-test-${randomBytes(5).toString('hex')}`;
  await createTopic(kafka, topic);
  return topic;
}

function relay(publish: PublishFn, options: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}): OutboxRelay {
  const r = new OutboxRelay({ pool: env.runtime.pool, schema: SCHEMA, publish, logger: silentLogger, ...options });
  closers.push(() => r.stop());
  return r;
}

function publisher(): PublishFn {
  const p = kafkaPublisher(kafka);
  closers.push(() => p.close());
  return p.publish;
}

async function reader(topic: string) {
  const r = await readTopic(kafka, topic);
  closers.push(() => r.stop());
  return r;
}

const backlog = () => outboxBacklog(env.runtime.pool, SCHEMA);

describe('writeOutbox', () => {
  it('writes every message in the caller’s transaction, keeping key, value and headers', async () => {
    const topic = `not-published-${randomBytes(3).toString('hex')}`;
    await transaction(env.runtime.pool, async (client) => {
      expect(await writeOutbox(client, rowsFor(topic, 0, 3), { schema: SCHEMA })).toBe(3);
      expect(await writeOutbox(client, [], { schema: SCHEMA })).toBe(0);
    });
    const { rows } = await env.runtime.pool.query('SELECT topic, key, value, headers FROM outbox WHERE topic = $1 ORDER BY id', [topic]);
    expect(rows).toEqual(rowsFor(topic, 0, 3));
    await env.runtime.pool.query('DELETE FROM outbox WHERE topic = $1', [topic]);
  });
});

describe('OutboxRelay', () => {
  it('(a) never publishes rows of a rolled-back transaction', async () => {
    const topic = await freshTopic();
    const r = relay(publisher());
    r.start();
    await expect(
      transaction(env.runtime.pool, async (client) => {
        await writeOutbox(client, rowsFor(topic, 100, 50), { schema: SCHEMA });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await commitRows(env.runtime, topic, 0, 1); // a committed marker, written after the rolled-back rows
    const read = await reader(topic);
    await until('the marker', () => read.received.length >= 1, 30_000);
    await sleep(1_000); // anything else that was going to arrive would have by now
    expect(read.received.map((m) => m.n)).toEqual([0]);
    expect(await backlog()).toMatchObject({ count: 0 });
    await r.stop();
  });

  it('(b) two relays on one table publish every row exactly once', async () => {
    const topic = await freshTopic();
    const counts = [0, 0];
    const slowed = (i: 0 | 1, publish: PublishFn): PublishFn => async (records) => {
      await sleep(20); // keeps each batch claimed long enough for the other relay to take the next one
      await publish(records);
      counts[i] = (counts[i] ?? 0) + records.length;
    };
    const [r1, r2] = [relay(slowed(0, publisher()), { batchSize: 50 }), relay(slowed(1, publisher()), { batchSize: 50 })];
    r1.start();
    r2.start();
    const total = 2_000;
    // 40 writers' transactions of 50 rows, committed while both relays run.
    await Promise.all(Array.from({ length: total / 50 }, (_, i) => commitRows(env.runtime, topic, i * 50, 50)));
    const read = await reader(topic);
    await until(`${total} records`, () => read.received.length >= total, 60_000);
    await until('an empty outbox', async () => (await backlog()).count === 0, 10_000);
    await sleep(1_000);
    const { missing, duplicated } = tally(read.received, total);
    expect({ missing, duplicated, received: read.received.length }).toEqual({ missing: [], duplicated: [], received: total });
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
    expect((counts[0] ?? 0) + (counts[1] ?? 0)).toBe(total);
    // Key and headers travel with the value.
    expect(read.received.find((m) => m.n === 1234)).toEqual({ n: 1234, key: `k${1234 % 7}`, ceId: 'row-1234' });
    await Promise.all([r1.stop(), r2.stop()]);
  });

  it('(d) wakes on NOTIFY: a row is published in well under the 60 s poll interval, also after the listener reconnects', async () => {
    const topic = await freshTopic();
    const read = await reader(topic);
    const registry = new Registry();
    const r = relay(publisher(), { pollIntervalMs: 60_000, registry, backoff: { initialMs: 100, maxMs: 500 } });
    r.start();
    const listening = async () => {
      const { rows } = await env.runtime.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = 'outbox-relay-test:outbox-listen' AND query LIKE 'LISTEN%' AND datname = current_database()`,
      );
      return rows;
    };
    await until('the relay to LISTEN', async () => (await listening()).length === 1, 10_000);
    await sleep(300); // the relay has had its first (empty) round and now sleeps for the poll interval

    let started = Date.now();
    await commitRows(env.runtime, topic, 0, 1);
    await until('the first row', () => read.receivedAt.has(0), 10_000);
    const firstLatency = (read.receivedAt.get(0) ?? Infinity) - started;
    expect(firstLatency).toBeLessThan(5_000);

    // Kill the listening connection: the relay must reconnect and LISTEN again by itself.
    const [victim] = await listening();
    await adminQuery(env.db.adminUrl, 'SELECT pg_terminate_backend($1)', [victim?.pid]);
    await until('the relay to LISTEN again', async () => {
      const rows = await listening();
      return rows.length === 1 && rows[0]?.pid !== victim?.pid;
    }, 10_000);
    await sleep(300);
    started = Date.now();
    await commitRows(env.runtime, topic, 1, 1);
    await until('the second row', () => read.receivedAt.has(1), 10_000);
    expect((read.receivedAt.get(1) ?? Infinity) - started).toBeLessThan(5_000);
    expect(await registry.metrics()).toMatch(/outbox_published_total\{schema="scoring"\} 2/);
    await r.stop();
  });

  it('(d, control) without LISTEN, the same row waits for the poll interval', async () => {
    const topic = await freshTopic();
    const r = relay(publisher(), { pollIntervalMs: 60_000, listen: false });
    r.start();
    await sleep(500); // the first round found nothing; the relay sleeps for 60 s
    await commitRows(env.runtime, topic, 0, 1);
    await sleep(3_000);
    expect(await backlog()).toMatchObject({ count: 1 });
    await r.stop();
    await env.runtime.pool.query('DELETE FROM outbox');
  });

  it('stops cleanly: the batch in flight is published and deleted before stop() resolves', async () => {
    const topic = await freshTopic();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let publishing!: () => void;
    const inFlight = new Promise<void>((resolve) => (publishing = resolve));
    const publish = publisher();
    const r = relay(async (records) => {
      publishing();
      await gate;
      await publish(records);
    });
    await commitRows(env.runtime, topic, 0, 10);
    r.start();
    await inFlight;
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await sleep(300);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await backlog()).toMatchObject({ count: 0 });
    const read = await reader(topic);
    await until('10 records', () => read.received.length >= 10, 30_000);
    expect(await r.healthcheck()).toEqual({ ok: false, detail: 'stopped' });
  });

  it('reports itself unhealthy when its database is unreachable, and degraded (still ok) when publishing fails', async () => {
    const dead = createPool({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', applicationName: 'dead', connectionTimeoutMs: 500 });
    closers.push(() => dead.stop());
    const unreachable = new OutboxRelay({ pool: dead.pool, schema: SCHEMA, publish: publisher(), logger: silentLogger, listen: false });
    closers.push(() => unreachable.stop());
    unreachable.start();
    await until('a failed round', async () => (await unreachable.healthcheck()).ok === false, 10_000);
    expect((await unreachable.healthcheck()).detail).toContain('ECONNREFUSED');
    await unreachable.stop();

    const registry = new Registry();
    const topic = 'no-such-topic-anywhere';
    const failing = relay(publisher(), { registry, backoff: { initialMs: 50, maxMs: 200 } });
    await commitRows(env.runtime, topic, 0, 3);
    failing.start();
    await until('a publish failure', async () => /outbox_publish_failures_total\{schema="scoring"\} [1-9]/.test(await registry.metrics()), 30_000);
    const health = await failing.healthcheck();
    expect(health.ok).toBe(true);
    expect(health.detail).toMatch(/^degraded: publishing failing since/);
    const metrics = await registry.metrics();
    expect(metrics).toContain('outbox_backlog_rows{schema="scoring"} 3');
    expect(metrics).toMatch(/outbox_oldest_age_seconds\{schema="scoring"\} \d/);
    await failing.stop();
    expect(await backlog()).toMatchObject({ count: 3 });
    await env.runtime.pool.query('DELETE FROM outbox');
  });
});

async function adminQuery(url: string, text: string, params: unknown[]): Promise<void> {
  const pool = createPool({ connectionString: url, applicationName: 'outbox-test-admin', max: 1 });
  try {
    await pool.pool.query(text, params);
  } finally {
    await pool.stop();
  }
}
