import type { KafkaMessage } from 'kafkajs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { BatchContext } from './batch-handler';
import { OutcomeCountMismatch } from './batch-settlement';
import { toConsumedMessage } from './consumed-message';
import type { ConsumedMessage } from './consumed-message';
import { OK, deadLetter, retry } from './outcomes';
import type { MessageOutcome } from './outcomes';
import { BatchAbandoned, perKeyGroup } from './per-key-group';

function batch(keys: string[]): ConsumedMessage[] {
  return keys.map((key, offset) => {
    const raw: KafkaMessage = { key: Buffer.from(key), value: Buffer.from(`v${offset}`), timestamp: '0', attributes: 0, offset: String(offset), headers: {} };
    return toConsumedMessage('t', 0, raw);
  });
}

function context(): BatchContext & { heartbeats: number; controller: AbortController } {
  const controller = new AbortController();
  const ctx = {
    topic: 't',
    partition: 0,
    signal: controller.signal,
    logger: pino({ level: 'silent' }),
    heartbeats: 0,
    controller,
    heartbeat: () => {
      ctx.heartbeats += 1;
      return Promise.resolve();
    },
  };
  return ctx;
}

describe('perKeyGroup', () => {
  it('hands each key its messages in offset order, heartbeats between keys, maps outcomes back to offsets', async () => {
    const seen: [string | null, string[]][] = [];
    const ctx = context();
    const handler = perKeyGroup((key, messages) => {
      seen.push([key, messages.map((m) => m.offset)]);
      return Promise.resolve(messages.map((m): MessageOutcome => (m.value?.toString() === 'v3' ? deadLetter('bad') : OK)));
    });
    const outcomes = await handler(batch(['a', 'b', 'a', 'c', 'b']), ctx);
    expect(seen).toEqual([
      ['a', ['0', '2']],
      ['b', ['1', '4']],
      ['c', ['3']],
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok', 'dlq', 'ok']);
    expect(ctx.heartbeats).toBe(3);
  });

  it('stops attempting keys after one asks for a retry; the rest are retries with the same error', async () => {
    const down = new Error('postgres down');
    const called: (string | null)[] = [];
    const handler = perKeyGroup((key, messages) => {
      called.push(key);
      return Promise.resolve(messages.map(() => (key === 'b' ? retry(down) : OK)));
    });
    const outcomes = await handler(batch(['a', 'b', 'c', 'a']), context());
    expect(called).toEqual(['a', 'b']);
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'retry', 'retry', 'ok']);
    expect(outcomes[2]).toEqual({ kind: 'retry', error: down });
  });

  it('abandons the remaining keys once the batch is aborted (stop or rebalance)', async () => {
    const ctx = context();
    const handler = perKeyGroup((key, messages) => {
      if (key === 'a') ctx.controller.abort();
      return Promise.resolve(messages.map(() => OK));
    });
    const outcomes = await handler(batch(['a', 'b', 'c']), ctx);
    expect(outcomes[0]).toEqual(OK);
    for (const outcome of outcomes.slice(1)) {
      expect(outcome.kind).toBe('retry');
      expect(outcome.kind === 'retry' && outcome.error).toBeInstanceOf(BatchAbandoned);
    }
  });

  it('rejects a key handler that returns the wrong number of outcomes', async () => {
    const handler = perKeyGroup(() => Promise.resolve([OK]));
    await expect(handler(batch(['a', 'a']), context())).rejects.toBeInstanceOf(OutcomeCountMismatch);
  });
});
