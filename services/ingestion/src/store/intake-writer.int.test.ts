import type { InteractionEvent } from '@rapport/contracts';
import { createLogger } from '@rapport/kit/log';
import { createTestDatabase, type TestDatabase } from '@rapport/testing';
import { Pool } from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit';
import { migrateIngestion } from './ingestion-schema';
import { interactionCeId } from './interaction-message';
import { createIntakeWriter } from './intake-writer';
import type { Submission, SubmissionResult } from './submission';

const TOPIC = 'interactions.test';
let db: TestDatabase;
let pool: Pool;
let admin: Pool;
let write: (submissions: readonly Submission[]) => Promise<SubmissionResult[]>;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateIngestion(db.urlFor('ingestion', 'owner'), createLogger({ service: 'test', level: 'silent', format: 'json' }));
  pool = new Pool({ connectionString: db.urlFor('ingestion', 'runtime'), max: 8 });
  admin = new Pool({ connectionString: db.adminUrl, max: 2 });
  write = createIntakeWriter({ pool, topic: TOPIC });
});

afterAll(async () => {
  await pool?.end();
  await admin?.end();
  await db?.drop();
});

beforeEach(async () => {
  await admin.query('TRUNCATE ingestion.deliveries, ingestion.accepted_events, ingestion.orders, ingestion.raw_archive, ingestion.outbox');
});

function event(id: string, extra: Partial<InteractionEvent> = {}, sourceId = 'src_a'): InteractionEvent {
  return {
    id,
    brandId: 'acme',
    sourceId,
    platform: 'custom',
    type: 'comment',
    direction: 'inbound',
    occurredAt: '2026-01-01T00:00:00Z',
    receivedAt: '2026-01-01T00:00:01.000Z',
    member: { platformId: `member-of-${id}` },
    ...extra,
  };
}

function submission(deliveryId: string, events: InteractionEvent[], sourceId = 'src_a'): Submission {
  return {
    sourceId,
    brandId: 'acme',
    deliveryId,
    receivedAt: new Date('2026-01-01T00:00:01Z'),
    archive: { contentType: 'application/json', payload: JSON.stringify({ delivery: deliveryId }) },
    events,
  };
}

async function outbox() {
  const { rows } = await admin.query<{ topic: string; key: string; value: string; headers: Record<string, string> }>(
    'SELECT topic, key, value, headers FROM ingestion.outbox ORDER BY id',
  );
  return rows;
}

async function count(table: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ingestion.${table}`);
  return rows[0]!.n;
}

describe('intake writer (real Postgres)', () => {
  it('stores each new event once, with its outbox message, archive and dedupe keys', async () => {
    const results = await write([
      submission('d1', [event('a'), event('b'), event('a')]),
      submission('d2', [event('b'), event('c')]),
    ]);
    expect(results).toEqual([
      { ids: ['a', 'b'], duplicates: 1 },
      { ids: ['c'], duplicates: 1 },
    ]);
    const rows = await outbox();
    expect(rows.map((r) => JSON.parse(r.value) as InteractionEvent).map((e) => e.id).sort()).toEqual(['a', 'b', 'c']);
    const a = rows.find((r) => (JSON.parse(r.value) as InteractionEvent).id === 'a')!;
    expect(a.topic).toBe(TOPIC);
    expect(a.key).toBe('acme:custom:member-of-a');
    expect(a.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: interactionCeId('src_a', 'a'),
      ce_source: '/sources/src_a',
      ce_type: 'com.rapport.interaction.v1',
      ce_time: '2026-01-01T00:00:01.000Z',
      'content-type': 'application/json',
    });
    expect(await count('deliveries')).toBe(2);
    expect(await count('accepted_events')).toBe(3);
    expect(await count('raw_archive')).toBe(2);
  });

  it('answers a redelivered webhook id and already accepted ids as duplicates, storing nothing new', async () => {
    await write([submission('d1', [event('a'), event('b')])]);
    const again = await write([submission('d1', [event('a'), event('b'), event('new')])]);
    expect(again).toEqual([{ ids: [], duplicates: 3 }]);
    const seen = await write([submission('d9', [event('a'), event('z')])]);
    expect(seen).toEqual([{ ids: ['z'], duplicates: 1 }]);
    expect((await outbox()).length).toBe(3);
    expect(await count('raw_archive')).toBe(2);
  });

  it('publishes a conversion once per brand order id', async () => {
    const conversion = (id: string, orderId: string) =>
      event(id, { type: 'conversion', conversion: { value: 5, currency: 'EUR', orderId } });
    expect(await write([submission('d1', [conversion('c1', 'o1'), conversion('c2', 'o1')])])).toEqual([{ ids: ['c1'], duplicates: 1 }]);
    expect(await write([submission('d2', [conversion('c3', 'o1')], 'src_b')])).toEqual([{ ids: [], duplicates: 1 }]);
    expect((await outbox()).length).toBe(1);
  });

  it('never deadlocks or double-stores when concurrent transactions race on the same ids', async () => {
    // Eight writers, each with the same 200 ids in a different order, in different deliveries.
    const ids = Array.from({ length: 200 }, (_, i) => `e${i}`);
    const shuffled = (w: number) => {
      const rotated = [...ids.slice(w * 25), ...ids.slice(0, w * 25)];
      return w % 2 === 0 ? rotated : rotated.reverse();
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, w) => write([submission(`d${w}`, shuffled(w).map((id) => event(id)))])),
    );
    const accepted = results.flatMap((r) => r[0]!.ids);
    expect(accepted.sort()).toEqual([...ids].sort());
    expect(results.reduce((n, r) => n + r[0]!.duplicates, 0)).toBe(8 * 200 - 200);
    expect((await outbox()).length).toBe(200);
  });

  it('group-commits concurrent requests into few transactions, each answered with its own result', async () => {
    let flushes = 0;
    const committer = new GroupCommitter<Submission, SubmissionResult>({
      flush: (items) => {
        flushes += 1;
        return write(items);
      },
      weigh: (s) => s.events.length,
      maxBatchWeight: 500,
      maxDelayMs: 5,
      maxConcurrentFlushes: 2,
    });
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => committer.submit(submission(`r${i}`, [event(`g${i}`), event(`g${(i + 1) % 300}`)]))),
    );
    await committer.close();
    // Each request's own two ids, minus the one an earlier request took.
    expect(results.every((r) => r.ids.length + r.duplicates === 2)).toBe(true);
    expect(new Set(results.flatMap((r) => r.ids)).size).toBe(300);
    expect(results.flatMap((r) => r.ids)).toHaveLength(300);
    expect(flushes).toBeLessThan(30);
    expect((await outbox()).length).toBe(300);
  });
});
