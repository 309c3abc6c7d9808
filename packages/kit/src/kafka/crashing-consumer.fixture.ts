// A consumer process that dies abruptly (SIGKILL, no commit, no leave) in the middle of a batch,
// for consumer-crash.int.test.ts. It prints `processed <partition>:<offset>` for every message it
// handled, then kills itself once it has handled CRASH_AFTER of them.
import { writeSync } from 'node:fs';
import pino from 'pino';
import { createConsumerRunner } from './consumer-runner';
import { createKafka } from './create-kafka';
import { OK } from './outcomes';
import { perKeyGroup } from './per-key-group';
import { createProducer } from './producer';

const { BROKERS = '', TOPIC = '', GROUP = '', CRASH_AFTER = '0' } = process.env;
const crashAfter = Number(CRASH_AFTER);
const logger = pino({ level: 'error' });
const kafka = createKafka({ brokers: BROKERS.split(','), clientId: 'crashing-consumer', logger });
const producer = createProducer(kafka, { logger });
let handled = 0;

const runner = createConsumerRunner(kafka, {
  groupId: GROUP,
  topics: [TOPIC],
  service: 'kit-test',
  producer,
  logger,
  sessionTimeoutMs: 6_000,
  heartbeatIntervalMs: 500,
  maxWaitTimeMs: 200,
  handler: perKeyGroup((_key, messages) => {
    for (const message of messages) {
      // NOTE: synchronous write, so the line is out before the kill below.
      writeSync(1, `processed ${message.partition}:${message.offset}\n`);
      handled += 1;
      if (handled === crashAfter) process.kill(process.pid, 'SIGKILL');
    }
    return Promise.resolve(messages.map(() => OK));
  }),
});

await runner.start();
writeSync(1, 'joined\n');
