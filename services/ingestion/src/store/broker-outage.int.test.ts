/**
 * Kafka stops in the middle of a burst: ingestion keeps answering 202 (the events wait in its
 * outbox), and once the broker is back every accepted event is published.
 * Runs a PRIVATE broker (own port and data directory) so stopping it disturbs no other test.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { InteractionEvent } from '@rapport/contracts';
import { consumeAll, createTestTopics, uniqueName } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { senderEvent, startHarness, type Harness } from '../../test/ingestion-harness';

const KAFKA_SH = fileURLToPath(new URL('../../../../infra/kafka/kafka.sh', import.meta.url));
// Away from the shared broker (9092) and the kit's private ones (19100–19900).
const port = 20_100 + (process.pid % 400) * 2;
const home = mkdtempSync(join(tmpdir(), 'rapport-ingestion-kafka-'));
const brokerEnv = { ...process.env, KAFKA_PORT: String(port), KAFKA_HOME_DIR: home };
const run = promisify(execFile);
const broker = (command: 'start' | 'stop') => run('bash', [KAFKA_SH, command], { env: brokerEnv, timeout: 150_000 });
const brokers = [`127.0.0.1:${port}`];
const topic = uniqueName('interactions-outage');

let h: Harness;

beforeAll(async () => {
  await broker('start');
  await createTestTopics(brokers, [{ topic, numPartitions: 3 }]);
  h = await startHarness({ interactionsTopic: topic }, { relayTo: brokers });
});

afterAll(async () => {
  await h?.close();
  await broker('stop').catch(() => {});
  rmSync(home, { recursive: true, force: true });
});

async function outboxRows(): Promise<number> {
  return (await h.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM ingestion.outbox')).rows[0]!.n;
}

describe('broker stopped during a burst', () => {
  it('keeps accepting into the outbox and publishes every accepted event once the broker is back', async () => {
    const source = await h.registerSource();
    const acknowledged: string[] = [];
    const burst = async (label: string, requests: number) => {
      const answers = await Promise.all(
        Array.from({ length: requests }, (_, r) =>
          h.postEvents(source.id, source.secret, { events: Array.from({ length: 5 }, (_, e) => senderEvent(`${label}-${r}-${e}`)) }),
        ),
      );
      for (const res of answers) {
        expect(res.statusCode).toBe(202);
        acknowledged.push(...res.json<{ ids: string[] }>().ids);
      }
    };

    await burst('before', 20);
    await broker('stop');
    await burst('during', 40);
    await burst('during-late', 40);
    expect(await outboxRows()).toBeGreaterThanOrEqual(400);
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200); // Postgres is up: ingestion stays in service

    await broker('start');
    const deadline = Date.now() + 120_000;
    while ((await outboxRows()) > 0) {
      if (Date.now() > deadline) throw new Error('the outbox did not drain after the broker came back');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const messages = await consumeAll(brokers, topic, { until: acknowledged.length, timeoutMs: 60_000 });
    const ids = messages.map((m) => InteractionEvent.parse(JSON.parse(m.value!)).id);
    expect(new Set(ids)).toEqual(new Set(acknowledged));
    expect(acknowledged).toHaveLength(500);
  });
});
