import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import type { Component, Health } from '../lifecycle/component';
import { withTimeout } from '../lifecycle/with-timeout';

export interface KafkaHealthOptions {
  /** The process's Kafka client; or give `brokers` and `clientId` for a client of its own. */
  kafka?: Kafka;
  brokers?: readonly string[];
  clientId?: string;
  /** Shown by `/readyz`; `kafka` by default. */
  id?: string;
  /** A probe gives up after this. Default 2000 ms. */
  timeoutMs?: number;
  /**
   * Whether an unreachable Kafka makes the process not ready. Default true. False for a service
   * built to absorb a Kafka outage (ingestion's outbox): `/readyz` then lists Kafka as degraded
   * and keeps the traffic coming.
   */
  critical?: boolean;
}

/**
 * Readiness of the Kafka cluster as a component: a metadata round trip (`describeCluster`) on
 * one admin connection kept for the process. For a service that has no producer of its own to
 * probe; stop() closes the admin connection.
 */
export function createKafkaHealth(options: KafkaHealthOptions): Component {
  const kafka = options.kafka ?? ownClient(options);
  const id = options.id ?? 'kafka';
  const timeoutMs = options.timeoutMs ?? 2_000;
  const critical = options.critical ?? true;
  // One quick retry: a probe must answer within its timeout, not after kafkajs' long backoff.
  const admin: Admin = kafka.admin({ retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 } });
  let connecting: Promise<void> | undefined;
  let stopped = false;

  function connected(): Promise<void> {
    // NOTE: one connection attempt at a time; a probe that times out leaves it running for the next.
    connecting ??= admin.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  }

  async function probe(): Promise<void> {
    await connected();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('the cluster reports no broker');
  }

  return {
    id,
    async healthcheck(): Promise<Health> {
      if (stopped) return { ok: false, detail: 'stopped' };
      try {
        await withTimeout(probe(), timeoutMs, 'describeCluster');
        return { ok: true };
      } catch (error) {
        const detail = `cannot reach Kafka: ${error instanceof Error ? error.message : String(error)}`;
        return critical ? { ok: false, detail } : { ok: true, detail: `degraded: ${detail}` };
      }
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await admin.disconnect();
    },
  };
}

function ownClient({ brokers, clientId }: KafkaHealthOptions): Kafka {
  if (brokers === undefined || brokers.length === 0) throw new Error('createKafkaHealth needs kafka or brokers');
  // NOTE: silent: while Kafka is down every probe would log kafkajs' connection errors; the
  // probe's answer (`/readyz`) already says what is wrong.
  return new Kafka({
    brokers: [...brokers],
    clientId: clientId ?? 'rapport-health',
    connectionTimeout: 1_000,
    retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
    logLevel: logLevel.NOTHING,
  });
}
