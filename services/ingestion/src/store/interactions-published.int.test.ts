import { fromKafkaHeaders, InteractionEvent } from '@rapport/contracts';
import { consumeAll, createTestTopics, deleteTestTopics, testKafkaBrokers, uniqueName } from '@rapport/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { senderEvent, startHarness, type Harness } from '../../test/ingestion-harness';
import { interactionCeId } from './interaction-message';

// Signed requests → 202 → the relay → every accepted event on the topic exactly once, with the
// key and CloudEvents headers of spec/events.md. Real Postgres, real Kafka.

const brokers = testKafkaBrokers();
const topic = uniqueName('interactions-ingestion');
let h: Harness;

beforeAll(async () => {
  await createTestTopics(brokers, [{ topic, numPartitions: 3 }]);
  h = await startHarness({ interactionsTopic: topic }, { relayTo: brokers });
});
afterAll(async () => {
  await h?.close();
  await deleteTestTopics(brokers, [topic]);
});

/** Every message the topic holds, counted from its offsets once the outbox has drained. */
async function messagesOnTopic(): Promise<number> {
  const deadline = Date.now() + 60_000;
  while ((await h.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM ingestion.outbox')).rows[0]!.n > 0) {
    if (Date.now() > deadline) throw new Error('the outbox did not drain');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const admin = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('accepted events reach interactions.v1 exactly once', () => {
  it('publishes a batch, redeliveries and repeated ids once, with key and CloudEvents headers', async () => {
    const source = await h.registerSource({ brandId: 'brand.e2e' });
    const batch = Array.from({ length: 120 }, (_, i) => senderEvent(`e-${i}`, { member: { platformId: `member ${i % 7}` } }));

    const first = await h.postEvents(source.id, source.secret, { events: [...batch, batch[0], batch[1]] }, { webhookId: 'msg_batch' });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ accepted: 120, duplicates: 2 });
    // The same delivery twice more, then the same events under new delivery ids.
    for (let i = 0; i < 2; i += 1) {
      const again = await h.postEvents(source.id, source.secret, { events: [...batch, batch[0], batch[1]] }, { webhookId: 'msg_batch' });
      expect(again.json()).toMatchObject({ accepted: 0, duplicates: 122 });
    }
    const overlapping = await h.postEvents(source.id, source.secret, { events: [batch[5], senderEvent('e-new')] });
    expect(overlapping.json()).toMatchObject({ accepted: 1, duplicates: 1, ids: ['e-new'] });

    // Exactly once: the topic holds 121 messages in all, no more.
    expect(await messagesOnTopic()).toBe(121);
    const messages = await consumeAll(brokers, topic, { until: 121 });
    expect(messages).toHaveLength(121);
    const ids = messages.map((m) => InteractionEvent.parse(JSON.parse(m.value!)).id);
    expect(new Set(ids).size).toBe(121);
    expect(new Set(ids)).toEqual(new Set([...batch.map((e) => e.id as string), 'e-new']));

    for (const message of messages) {
      const event = InteractionEvent.parse(JSON.parse(message.value!));
      expect(message.key).toBe(`brand.e2e:custom:${event.member.platformId}`);
      const ce = fromKafkaHeaders(message.headers);
      expect(ce.ok).toBe(true);
      if (!ce.ok) continue;
      expect(ce.value).toEqual({
        id: interactionCeId(source.id, event.id),
        source: `/sources/${source.id}`,
        type: 'com.rapport.interaction.v1',
        time: event.receivedAt,
      });
      expect(message.headers['content-type']).toBe('application/json');
      expect(event).toMatchObject({ brandId: 'brand.e2e', sourceId: source.id });
    }
    // Same key, same partition: one member's events stay in order for scoring.
    const partitionsByKey = new Map<string, Set<number>>();
    for (const m of messages) partitionsByKey.set(m.key!, (partitionsByKey.get(m.key!) ?? new Set()).add(m.partition));
    for (const partitions of partitionsByKey.values()) expect(partitions.size).toBe(1);
  });
});
