import { randomUUID } from 'node:crypto';
import { InteractionEvent } from '@rapport/contracts';
import { consumeAll, createTestDatabase, createTestTopics, deleteTestTopics, testKafkaBrokers, uniqueName, type TestDatabase } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { senderEvent } from '../test/ingestion-harness';
import { freePort, kill, secretKey, startService, stop, type ServiceProcess } from '../test/service-process';
import { standardWebhookHeaders } from './signatures';

// Ingestion as its own process, SIGKILLed in the middle of a burst of signed requests. Every event
// that got a 202 must reach the topic once the service is back: a 202 is a promise of durability.

const brokers = testKafkaBrokers();
const topic = uniqueName('interactions-crash');
const ADMIN_TOKEN = 'crash-test-admin-token-0123';
let db: TestDatabase;
let env: Record<string, string>;
const running: ServiceProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await createTestTopics(brokers, [{ topic, numPartitions: 3 }]);
  env = {
    PORT: String(await freePort()),
    DATABASE_URL: db.urlFor('ingestion', 'runtime'),
    MIGRATION_DATABASE_URL: db.urlFor('ingestion', 'owner'),
    KAFKA_BROKERS: brokers.join(','),
    ADMIN_TOKEN,
    SOURCE_SECRET_KEY: secretKey(),
    INTERACTIONS_TOPIC: topic,
    SOURCE_RATE_LIMIT_PER_SECOND: '100000',
  };
});

afterAll(async () => {
  for (const service of running) await kill(service);
  await deleteTestTopics(brokers, [topic]);
  await db?.drop();
});

async function start(): Promise<ServiceProcess> {
  const service = await startService(env);
  running.push(service);
  return service;
}

describe('SIGKILL in the middle of a burst', () => {
  it('publishes every event that got a 202, after a restart', async () => {
    const first = await start();
    const created = await fetch(`${first.baseUrl}/v1/admin/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ brandId: 'crash', platform: 'custom', name: 'burst' }),
    });
    expect(created.status).toBe(201);
    const source = (await created.json()) as { id: string; secret: string };

    // Eight senders, each posting small batches back to back until the process dies.
    const acknowledged = new Set<string>();
    const refused: number[] = [];
    let sent = 0;
    let dead = false;
    const sender = async (n: number) => {
      for (let i = 0; !dead; i += 1) {
        const events = Array.from({ length: 1 + (i % 5) }, (_, k) => senderEvent(`s${n}-r${i}-e${k}`));
        const raw = JSON.stringify(events.length === 1 ? events[0] : { events });
        const headers = standardWebhookHeaders({ secrets: [source.secret], id: `msg_${randomUUID()}`, timestamp: Math.floor(Date.now() / 1000), rawBody: raw });
        sent += events.length;
        try {
          const res = await fetch(`${first.baseUrl}/v1/sources/${source.id}/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: raw,
          });
          if (res.status === 202) for (const id of ((await res.json()) as { ids: string[] }).ids) acknowledged.add(id);
          else refused.push(res.status);
        } catch {
          // The connection died with the process: no answer, no promise made.
        }
      }
    };
    const senders = Array.from({ length: 8 }, (_, n) => sender(n));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await kill(first);
    dead = true;
    await Promise.all(senders);

    expect(refused).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(100);

    // Back up: the relay publishes what the crash left in the outbox.
    const second = await start();
    const messages = await consumeAll(brokers, topic, {
      timeoutMs: 90_000,
      until: (read) => {
        const seen = new Set(read.map((m) => (JSON.parse(m.value!) as { id: string }).id));
        return [...acknowledged].every((id) => seen.has(id));
      },
    });
    const published = messages.map((m) => InteractionEvent.parse(JSON.parse(m.value!)));
    const publishedIds = new Set(published.map((e) => e.id));
    for (const id of acknowledged) expect(publishedIds.has(id), id).toBe(true);
    // Nothing that was never sent; a copy beyond one can only come from a relay batch published
    // right before the kill and not yet deleted (at-least-once; consumers dedupe by ce_id).
    expect(published.every((e) => e.sourceId === source.id && /^s\d-r\d+-e\d$/.test(e.id))).toBe(true);
    console.log(
      `crash test: ${sent} events sent, ${acknowledged.size} acknowledged (202), ${publishedIds.size} distinct published, ` +
        `${published.length - publishedIds.size} extra copies`,
    );
    expect(await stop(second)).toBe(0);
  });
});
