import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { OutcomeCountMismatch, retryFromIndex, settleBatch } from './batch-settlement';
import { OK, deadLetter, retry } from './outcomes';
import type { MessageOutcome } from './outcomes';

const messages = ['m0', 'm1', 'm2', 'm3', 'm4'];
const down = new Error('postgres down');

describe('settleBatch', () => {
  it('settles the whole batch when every message is ok or dead-lettered', () => {
    const s = settleBatch(messages, [OK, OK, deadLetter('not JSON'), OK, OK]);
    expect(s.ok).toEqual(['m0', 'm1', 'm3', 'm4']);
    expect(s.deadLetters).toEqual([{ message: 'm2', reason: 'not JSON' }]);
    expect(s.retryFrom).toBeNull();
    expect(s.lastSettled).toBe('m4');
  });

  it('stops at the first retry: nothing after it is settled, even later oks', () => {
    const s = settleBatch(messages, [OK, deadLetter('bad'), retry(down), OK, deadLetter('bad too')]);
    expect(s.ok).toEqual(['m0']);
    expect(s.deadLetters).toEqual([{ message: 'm1', reason: 'bad' }]);
    expect(s.retryFrom).toEqual({ message: 'm2', error: down });
    expect(s.lastSettled).toBe('m1');
  });

  it('settles nothing when the first message must be retried', () => {
    const s = settleBatch(messages, [retry(down), OK, OK, OK, OK]);
    expect(s.lastSettled).toBeNull();
    expect(s.ok).toEqual([]);
    expect(s.retryFrom?.message).toBe('m0');
  });

  it('refuses outcomes that do not match the messages one to one', () => {
    expect(() => settleBatch(messages, [OK, OK])).toThrow(OutcomeCountMismatch);
  });

  const outcome = fc.oneof(
    fc.constant<MessageOutcome>(OK),
    fc.constant<MessageOutcome>(retry(down)),
    fc.constant<MessageOutcome>(deadLetter('bad')),
  );
  test.prop([fc.array(outcome, { maxLength: 40 })])('the committed prefix holds no unsettled message and ends at the first retry', (outcomes) => {
    const batch = outcomes.map((_, i) => i);
    const s = settleBatch(batch, outcomes);
    const firstRetry = outcomes.findIndex((o) => o.kind === 'retry');
    const end = firstRetry === -1 ? batch.length : firstRetry;
    expect(s.lastSettled).toBe(end === 0 ? null : end - 1);
    expect([...s.ok, ...s.deadLetters.map((d) => d.message)].sort((a, b) => a - b)).toEqual(batch.slice(0, end));
    expect(s.retryFrom?.message ?? null).toBe(firstRetry === -1 ? null : firstRetry);
  });
});

describe('retryFromIndex', () => {
  it('moves the frontier back to a message whose dead letter could not be published', () => {
    const s = settleBatch(messages, [OK, OK, deadLetter('bad'), OK, OK]);
    const failed = new Error('kafka down');
    const moved = retryFromIndex(messages, s, 2, failed);
    expect(moved.ok).toEqual(['m0', 'm1']);
    expect(moved.deadLetters).toEqual([]);
    expect(moved.retryFrom).toEqual({ message: 'm2', error: failed });
    expect(moved.lastSettled).toBe('m1');
  });

  it('leaves nothing to commit when the first message moves back', () => {
    const s = settleBatch(messages, [deadLetter('bad'), OK, OK, OK, OK]);
    expect(retryFromIndex(messages, s, 0, down).lastSettled).toBeNull();
  });
});
