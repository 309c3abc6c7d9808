import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TOPICS, dlqTopic } from '@rapport/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { expect, inject, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./topics.ts', import.meta.url));

// The CLI as start.sh runs it: plain Node + tsx, not vitest's module interop.
it('provisions every Rapport topic idempotently from the command line', async () => {
  const brokers = inject('kafkaBrokers');
  const env = { ...process.env, KAFKA_BROKERS: brokers.join(',') };
  await run(process.execPath, ['--import', 'tsx', script], { env });
  const second = await run(process.execPath, ['--import', 'tsx', script], { env });
  const expected = Object.values(TOPICS).flatMap((t) => [t, dlqTopic(t)]);
  expect(second.stdout.trim().split('\n').sort()).toEqual(expected.map((t) => `unchanged ${t}`).sort());

  const admin = new Kafka({ brokers, clientId: 'topics-cli-test', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: expected });
    expect(metadata.topics.find((t) => t.name === 'interactions.v1')?.partitions).toHaveLength(6);
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: 'relationships.v1', configNames: ['cleanup.policy'] }],
    });
    expect(described.resources[0]?.configEntries[0]?.configValue).toBe('delete');
  } finally {
    await admin.disconnect();
  }
});
