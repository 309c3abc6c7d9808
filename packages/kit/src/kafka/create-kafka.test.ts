import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { kafkajsLevelFor, pinoLogCreator } from './create-kafka';

function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: pinoLogCreator(pino({ level }, stream))(logLevel.DEBUG) };
}

const entry = (level: logLevel, namespace: string, message: string, extra: Record<string, unknown> = {}) => ({
  namespace,
  level,
  label: logLevel[level],
  log: { timestamp: '2026-01-01T00:00:00.000Z', logger: 'kafkajs', message, ...extra },
});

describe('pinoLogCreator', () => {
  it('writes kafkajs lines as structured pino lines at the matching level, without stacks', () => {
    const { lines, log } = capture();
    log(entry(logLevel.ERROR, 'Consumer', 'Crash: KafkaJSNumberOfRetriesExceeded', { groupId: 'g', stack: 'Error: at secret.js:1' }));
    log(entry(logLevel.INFO, 'Consumer', 'Starting', { groupId: 'g' }));
    log(entry(logLevel.DEBUG, 'Connection', 'Request Heartbeat(key: 12, version: 3)'));
    expect(lines.map((l) => [l.level, l.component, l.namespace, l.msg, l.groupId, l.stack])).toEqual([
      [50, 'kafkajs', 'Consumer', 'Crash: KafkaJSNumberOfRetriesExceeded', 'g', undefined],
      [30, 'kafkajs', 'Consumer', 'Starting', 'g', undefined],
      [20, 'kafkajs', 'Connection', 'Request Heartbeat(key: 12, version: 3)', undefined, undefined],
    ]);
  });

  it('downgrades error responses the client handles itself (rebalances, loading coordinators) to warnings', () => {
    const { lines, log } = capture();
    log(entry(logLevel.ERROR, 'Connection', 'Response Heartbeat(key: 12, version: 3)', { error: 'The group is rebalancing, so a rejoin is needed' }));
    expect(lines[0]).toMatchObject({ level: 40, error: 'The group is rebalancing, so a rejoin is needed' });
  });

  it('asks kafkajs only for what the logger would print', () => {
    expect(kafkajsLevelFor('trace')).toBe(logLevel.DEBUG);
    expect(kafkajsLevelFor('info')).toBe(logLevel.INFO);
    expect(kafkajsLevelFor('warn')).toBe(logLevel.WARN);
    expect(kafkajsLevelFor('error')).toBe(logLevel.ERROR);
    expect(kafkajsLevelFor('silent')).toBe(logLevel.NOTHING);
  });
});
