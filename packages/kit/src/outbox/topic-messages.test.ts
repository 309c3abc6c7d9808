import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from './outbox-record';
import { toTopicMessages } from './topic-messages';

const record = (id: number, topic: string): OutboxRecord => ({
  id: String(id),
  topic,
  key: `k${id}`,
  value: `{"id":${id}}`,
  headers: { ce_id: `e${id}` },
  createdAt: new Date(0),
});

describe('toTopicMessages', () => {
  it('groups by topic in first-seen order and keeps each topic’s records in outbox order', () => {
    const batch = [record(1, 'b'), record(2, 'a'), record(3, 'b'), record(4, 'a'), record(5, 'b')];
    expect(toTopicMessages(batch)).toEqual([
      { topic: 'b', messages: [1, 3, 5].map((id) => ({ key: `k${id}`, value: `{"id":${id}}`, headers: { ce_id: `e${id}` } })) },
      { topic: 'a', messages: [2, 4].map((id) => ({ key: `k${id}`, value: `{"id":${id}}`, headers: { ce_id: `e${id}` } })) },
    ]);
  });

  it('gives nothing for an empty batch', () => {
    expect(toTopicMessages([])).toEqual([]);
  });
});
