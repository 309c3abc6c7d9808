import { createKafka } from '@rapport/kit/kafka';
import { createLogger } from '@rapport/kit/log';
import { migrate } from '@rapport/kit/pg';
import { createTestDatabase, createTestTopics, deleteTestTopics, testKafkaBrokers, uniqueName, type TestDatabase } from '@rapport/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDirOf } from '../../infra/k8s/migrate-schema';
import { RAPPORT_SERVICES } from '../../infra/postgres/services';
import type { MigrationVerdict } from './migrations/migration-drift';
import type { GroupStatus } from './status/consumer-groups-status';
import type { OutboxStatus } from './status/outbox-status';
import { runOpsCli } from './test-support/run-ops-cli';

// The status commands as an operator runs them, against a real database migrated as the
// migration Jobs do and a real broker.

const logger = createLogger({ service: 'ops-status-test', level: 'silent', format: 'json' });
const brokers = testKafkaBrokers();
let db: TestDatabase;

async function sql(text: string): Promise<void> {
  const client = new Client({ connectionString: db.adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (const service of RAPPORT_SERVICES) {
    await migrate({ databaseUrl: db.urlFor(service, 'owner'), schema: service, dir: migrationsDirOf(service), logger });
  }
});

afterAll(async () => {
  await db?.drop();
});

describe('migrations verify', () => {
  it('passes on schemas at this checkout, and names the drift once one is not', async () => {
    const env = { OPS_DATABASE_URL: db.adminUrl };
    const current = await runOpsCli(['migrations', 'verify', '--json'], env);
    expect(current.code, current.stderr).toBe(0);
    expect((JSON.parse(current.stdout) as MigrationVerdict[]).map((v) => [v.schema, v.state])).toEqual(RAPPORT_SERVICES.map((s) => [s, 'current']));

    // As if scoring's last migration Job had not run, and a newer release had migrated reporting.
    await sql(`DELETE FROM scoring.pgmigrations WHERE id = (SELECT max(id) FROM scoring.pgmigrations)`);
    await sql(`INSERT INTO reporting.pgmigrations (name, run_on) VALUES ('9999999999999_next_release', now())`);
    const drift = await runOpsCli(['migrations', 'verify'], env);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(/^ingestion: current$/m);
    expect(drift.stdout).toMatch(/^scoring: behind; pending \d+_\w+$/m);
    expect(drift.stdout).toMatch(/^reporting: ahead; not in this checkout 9999999999999_next_release$/m);
  });
});

describe('outbox status', () => {
  it('reports each schema’s backlog and oldest row, failing past --max-age', async () => {
    const env = { OPS_DATABASE_URL: db.adminUrl };
    const empty = await runOpsCli(['outbox', 'status', '--json'], env);
    expect(empty.code, empty.stderr).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual(RAPPORT_SERVICES.map((schema) => ({ schema, backlog: 0, oldestAgeSeconds: 0 })));

    await sql(`INSERT INTO scoring.outbox (topic, value, created_at) VALUES ('t', '{}', now() - interval '10 minutes'), ('t', '{}', now())`);
    const stuck = await runOpsCli(['outbox', 'status', '--json', '--max-age', '300'], env);
    expect(stuck.code).toBe(1);
    const scoring = (JSON.parse(stuck.stdout) as OutboxStatus[]).find((s) => s.schema === 'scoring');
    expect(scoring?.backlog).toBe(2);
    expect(scoring?.oldestAgeSeconds).toBeGreaterThanOrEqual(600);
  });
});

describe('consumer-groups status', () => {
  it('shows lag per partition from the committed offsets', async () => {
    const topic = uniqueName('ops-status');
    const group = uniqueName('ops-status-group');
    await createTestTopics(brokers, [{ topic, numPartitions: 2 }]);
    const kafka = createKafka({ brokers, clientId: 'ops-status-test', logger });
    const producer = kafka.producer();
    const admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    try {
      await producer.send({ topic, messages: [0, 0, 0, 1].map((partition) => ({ partition, value: 'x' })) });
      await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '1' }] });
      const run = await runOpsCli(['consumer-groups', 'status', '--group', `${group}=${topic}`, '--json'], { KAFKA_BROKERS: brokers.join(',') });
      expect(run.code, run.stderr).toBe(0);
      const [status] = JSON.parse(run.stdout) as GroupStatus[];
      expect(status).toMatchObject({ group, topic, members: 0, totalLag: 3 });
      expect(status?.partitions.map((p) => [p.partition, p.committed, p.lag])).toEqual([
        [0, '1', 2],
        [1, null, 1],
      ]);
    } finally {
      await Promise.all([producer.disconnect(), admin.disconnect()]);
      await deleteTestTopics(brokers, [topic]);
    }
  });
});
