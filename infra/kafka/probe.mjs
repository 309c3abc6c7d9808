// Readiness probe for kafka.sh: succeeds once the broker really answers a client (metadata and
// cluster description through kafkajs, the client the services use), not merely once the port is
// open. One Node process polls until the deadline, which is far quicker than one JVM per attempt.
//
// Usage: node probe.mjs <host:port> [timeoutMs]
/* global process, console, setTimeout */
import { Kafka, logLevel } from 'kafkajs';

const broker = process.argv[2] ?? '127.0.0.1:9092';
const timeoutMs = Number(process.argv[3] ?? 60_000);
const deadline = Date.now() + timeoutMs;

const kafka = new Kafka({
  clientId: 'rapport-kafka-probe',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1_000,
  requestTimeout: 2_000,
  // NOTE: the loop below is the retry; kafkajs' own retries would only hide the deadline.
  retry: { retries: 0 },
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let lastError = 'no attempt';
while (Date.now() < deadline) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.controller !== null && cluster.brokers.length > 0) {
      await admin.disconnect();
      process.exit(0);
    }
    lastError = 'no controller yet';
  } catch (error) {
    lastError = error instanceof Error ? error.message : String(error);
  }
  await admin.disconnect().catch(() => undefined);
  await sleep(250);
}
console.error(`kafka probe: ${broker} did not answer within ${timeoutMs} ms (${lastError})`);
process.exit(1);
