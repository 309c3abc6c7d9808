import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { parseBrokers, resolveInfrastructure } from './infrastructure';

describe('resolveInfrastructure', () => {
  it('uses KAFKA_BROKERS and DATABASE_URL from the environment as given, starting nothing', async () => {
    const infra = await resolveInfrastructure({ KAFKA_BROKERS: ' 10.0.0.1:9092 ,10.0.0.2:9092', DATABASE_URL: 'postgres://ci@db:5432/postgres' });
    expect(infra.kafkaBrokers).toEqual(['10.0.0.1:9092', '10.0.0.2:9092']);
    expect(infra.adminDatabaseUrl).toBe('postgres://ci@db:5432/postgres');
    expect(infra.origin).toEqual({ kafka: 'KAFKA_BROKERS', postgres: 'DATABASE_URL' });
    await infra.release();
  });

  // This machine has no Docker engine: the container check must fail fast and fall through to
  // the native broker and the local Postgres, both of which must really answer.
  it('without an environment or a Docker engine, falls back to the native broker and the local Postgres', async () => {
    const startedAt = Date.now();
    const infra = await resolveInfrastructure({});
    expect(Date.now() - startedAt).toBeLessThan(20_000);
    expect(infra.origin).toEqual({ kafka: 'native broker (infra/kafka/kafka.sh)', postgres: 'local Postgres' });
    expect(infra.kafkaBrokers).toEqual(['127.0.0.1:9092']);

    const admin = new Kafka({ brokers: infra.kafkaBrokers, clientId: 'infra-test', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers).toHaveLength(1);

    const client = new Client({ connectionString: infra.adminDatabaseUrl });
    await client.connect();
    const { rows } = await client.query<{ one: number }>('select 1 as one');
    await client.end();
    expect(rows).toEqual([{ one: 1 }]);
    // Leaves the shared broker running.
    await infra.release();
    const again = new Kafka({ brokers: infra.kafkaBrokers, clientId: 'infra-test', logLevel: logLevel.NOTHING }).admin();
    await again.connect();
    await again.disconnect();
  });
});

describe('parseBrokers', () => {
  it('splits, trims and drops empty entries; nothing usable means undefined', () => {
    expect(parseBrokers('a:1, b:2,,')).toEqual(['a:1', 'b:2']);
    expect(parseBrokers(' , ')).toBeUndefined();
    expect(parseBrokers(undefined)).toBeUndefined();
  });
});
