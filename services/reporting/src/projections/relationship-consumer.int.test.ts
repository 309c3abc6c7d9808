import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CE_SOURCES, CE_TYPES, toKafkaHeaders, type RelationshipUpdated } from '@rapport/contracts';
import type { BatchContext, ConsumedMessage } from '@rapport/kit/kafka';
import { createReportingDatabase, type ReportingDatabase } from '../../test/reporting-database';
import { testLogger } from '../../test/projection-harness';
import { applied, relationshipUpdate } from '../../test/relationship-update.fixture';
import { relationshipBatchHandler } from './relationship-consumer';

let rdb: ReportingDatabase;
beforeAll(async () => {
  rdb = await createReportingDatabase();
});
afterAll(async () => {
  await rdb?.close();
});

const context: BatchContext = { topic: 't', partition: 0, signal: new AbortController().signal, heartbeat: () => Promise.resolve(), logger: testLogger() };

function message(offset: number, value: string | null, headers: Record<string, string> = toKafkaHeaders({ id: `e${offset}`, source: CE_SOURCES.scoring, type: CE_TYPES.relationships, time: '2025-03-01T00:00:00Z' })): ConsumedMessage {
  return { topic: 't', partition: 0, offset: String(offset), key: 'b:m', value: value === null ? null : Buffer.from(value), headers, timestamp: '0', raw: {} as ConsumedMessage['raw'] };
}
const update = (memberId: string, fields: Partial<RelationshipUpdated> = {}) => JSON.stringify(relationshipUpdate({
  brandId: 'b', memberId, version: 1, asOf: '2025-03-01T00:00:00Z', ...fields,
  interactions: [applied(`${memberId}-e`, { type: 'comment', occurredAt: '2025-03-01T00:00:00Z' })],
}));

describe('relationshipBatchHandler', () => {
  it('dead-letters bad records, isolates a record Postgres refuses, and projects the rest', async () => {
    const handler = relationshipBatchHandler({ pool: rdb.pool });
    const outcomes = await handler([
      message(0, update('m1')),
      message(1, null),
      message(2, '{"brandId": "b"}'),
      message(3, update('m2'), toKafkaHeaders({ id: 'x', source: CE_SOURCES.scoring, type: CE_TYPES.models, time: '2025-03-01T00:00:00Z' })),
      // A valid update whose first-seen day Postgres cannot store (year 0): only it is dead-lettered.
      message(4, update('m3', { firstSeenAt: '0000-01-01T00:00:00Z' })),
      message(5, update('m4')),
    ], context);
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'dlq', 'dlq', 'dlq', 'dlq', 'ok']);
    expect(outcomes[2]).toMatchObject({ reason: expect.stringMatching(/invalid RelationshipUpdated/) as unknown });
    expect(outcomes[3]).toMatchObject({ reason: expect.stringMatching(/unexpected ce_type/) as unknown });
    expect(outcomes[4]).toMatchObject({ reason: expect.stringMatching(/^projection failed: 22/) as unknown });
    const { rows } = await rdb.pool.query<{ member_id: string }>('SELECT member_id FROM relationships ORDER BY 1');
    expect(rows.map((r) => r.member_id)).toEqual(['m1', 'm4']);
  });

  it('asks for a retry, not a dead letter, when the database is unreachable', async () => {
    const { Pool } = await import('pg');
    const down = new Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
    try {
      const outcomes = await relationshipBatchHandler({ pool: down })([message(0, update('m5')), message(1, update('m6'))], context);
      expect(outcomes.map((o) => o.kind)).toEqual(['retry', 'retry']);
    } finally {
      await down.end();
    }
  });
});
