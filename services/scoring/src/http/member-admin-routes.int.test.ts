import { CE_SOURCES, CE_TYPES, interactionKey, toKafkaHeaders } from '@rapport/contracts';
import type { ConsumedMessage } from '@rapport/kit/kafka';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionStream } from '../../test/interaction-stream';
import { quietLogger, scoringDatabase, type ScoringDatabase } from '../../test/scoring-harness';
import { buildScoringApp } from '../app';
import { createInteractionsHandler } from '../consumers/interactions-consumer';
import { memberIdFor } from '../identity/member-id';
import { DEFAULT_RETENTION } from '../relationships/apply-events';
import { fixedModel } from '../relationships/model-lookup';

const TOKEN = 'admin-token-for-the-test';
const DAY = 86_400_000;

describe('GET /v1/admin/brands/{brandId}/members/{memberId}', () => {
  let database: ScoringDatabase;
  let app: Awaited<ReturnType<typeof buildScoringApp>>;
  const events = [...interactionStream({ seed: 61, brandId: 'admin-brand', sourceId: 'src', members: 3, events: 60, start: Date.now() - 10 * DAY, spanMs: 9 * DAY })];

  beforeAll(async () => {
    database = await scoringDatabase();
    const handler = createInteractionsHandler({
      pool: database.pool,
      groupId: 'g',
      settings: { schema: 'scoring', relationshipsTopic: 'relationships.test', retention: DEFAULT_RETENTION, models: fixedModel() },
    });
    const messages = events.map((event, i) => {
      const value = Buffer.from(JSON.stringify(event));
      const headers = toKafkaHeaders({ id: event.id, source: CE_SOURCES.ingestion, type: CE_TYPES.interactions, time: event.receivedAt });
      return { topic: 't', partition: 0, offset: String(i), key: interactionKey(event), value, headers, timestamp: '0', raw: { key: null, value, headers, offset: String(i), timestamp: '0', attributes: 0 } } satisfies ConsumedMessage;
    });
    await handler(messages, { topic: 't', partition: 0, signal: new AbortController().signal, heartbeat: () => Promise.resolve(), logger: quietLogger });
    app = await buildScoringApp({
      logger: quietLogger,
      registry: createMetricsRegistry({ service: 'scoring', defaultMetrics: false }),
      components: [],
      version: '1.0.0',
      admin: { pool: database.pool, adminToken: TOKEN, models: fixedModel() },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const first = events[0];
  const memberId = first === undefined ? '' : memberIdFor('admin-brand', first.platform, first.member.platformId);
  const url = `/v1/admin/brands/admin-brand/members/${memberId}?events=5`;

  it('answers 401 without the admin token', async () => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const wrong = await app.inject({ url, headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('shows the stored state, identities, history and the latest events', async () => {
    const response = await app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      relationship: { version: string; stage: string; event_count: number; state: { events: unknown[] } };
      now: { stage: string; love: number };
      identities: { platform: string; platformId: string }[];
      history: { stage: string }[];
      recentEvents: { eventId: string; partition: number; offset: string }[];
    }>();
    const own = events.filter((e) => e.member.platformId === first?.member.platformId);
    expect(body.relationship.event_count).toBe(own.length);
    expect(body.identities.map(({ platform, platformId }) => ({ platform, platformId }))).toEqual([{ platform: first?.platform, platformId: first?.member.platformId }]);
    expect(body.history.length).toBeGreaterThan(0);
    expect(body.recentEvents).toHaveLength(5);
    expect(body.recentEvents[0]?.partition).toBe(0);
    expect(typeof body.recentEvents[0]?.offset).toBe('string');
    expect(body.now.love).toBeGreaterThanOrEqual(0);
  });

  it('answers 404 for a member it does not hold, and 400 for an invalid id', async () => {
    const missing = await app.inject({ url: '/v1/admin/brands/admin-brand/members/m_unknown', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(missing.statusCode).toBe(404);
    const invalid = await app.inject({ url: '/v1/admin/brands/admin-brand/members/not:valid', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(invalid.statusCode).toBe(400);
  });
});
