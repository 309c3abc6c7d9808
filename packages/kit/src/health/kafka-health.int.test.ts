import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { testKafkaBrokers } from '@rapport/testing';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createKafkaHealth } from './kafka-health';

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createKafkaHealth (real Kafka)', () => {
  it('is ok against a running cluster, then reports stopped once stopped', async () => {
    const health = createKafkaHealth({ brokers: testKafkaBrokers(), clientId: 'kit-health-test' });
    expect(health.id).toBe('kafka');
    expect(await health.healthcheck()).toEqual({ ok: true });
    // A second probe reuses the admin connection.
    expect(await health.healthcheck()).toEqual({ ok: true });
    await health.stop();
    await health.stop();
    expect(await health.healthcheck()).toEqual({ ok: false, detail: 'stopped' });
  });

  it("works on the process's own client", async () => {
    const kafka = new Kafka({ brokers: testKafkaBrokers(), clientId: 'kit-health-shared', logLevel: logLevel.NOTHING });
    const health = createKafkaHealth({ kafka, id: 'kafka-cluster' });
    expect(health.id).toBe('kafka-cluster');
    expect(await health.healthcheck()).toEqual({ ok: true });
    await health.stop();
  });

  it('answers "not ok" within its timeout when no broker answers', async () => {
    const health = createKafkaHealth({ brokers: [`127.0.0.1:${await closedPort()}`], timeoutMs: 1_500 });
    const started = Date.now();
    const result = await health.healthcheck();
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/^cannot reach Kafka: /);
    // The broker's refusal itself, not just a timeout.
    expect(result.detail).not.toContain('did not finish');
    await health.stop();
  });

  it('reports a degraded (still ok) state when Kafka is not critical', async () => {
    const health = createKafkaHealth({ brokers: [`127.0.0.1:${await closedPort()}`], timeoutMs: 1_500, critical: false });
    const result = await health.healthcheck();
    expect(result.ok).toBe(true);
    expect(result.detail).toMatch(/^degraded: cannot reach Kafka: /);
    await health.stop();
  });
});
