import { BrandId, MemberId } from '@rapport/contracts';
import { problem, problemSchema, problemType, type HttpServer } from '@rapport/kit/http';
import type { Pool } from 'pg';
import * as z from 'zod';
import { evaluateHistory, type RelationshipHistory } from '../model';
import type { ModelLookup } from '../relationships/model-lookup';
import { recentEvents } from '../store/event-store';
import { decodeHistory } from '../store/history-codec';
import { recentHistory } from '../store/history-store';
import { memberIdentities } from '../store/identity-store';
import { readRelationship } from '../store/relationship-store';
import { requireAdminToken } from '@rapport/kit/http';
import { typedScope } from './typed-scope';

export interface MemberAdminDeps {
  pool: Pool;
  adminToken: string;
  models: ModelLookup;
  clock?: () => number;
}

const Params = z.object({ brandId: BrandId, memberId: MemberId });
const Query = z.object({
  events: z.coerce.number().int().min(0).max(500).default(50).describe('How many of the latest events to show.'),
  history: z.coerce.number().int().min(0).max(500).default(50).describe('How many of the latest stage/level changes to show.'),
});

// Debugging output: the stored rows as they are, loosely typed on purpose (the model's state
// evolves with the model).
const MemberInspection = z
  .object({
    brandId: z.string(),
    memberId: z.string(),
    relationship: z.record(z.string(), z.unknown()),
    /** The model evaluated from the stored state at the time of the request. */
    now: z.record(z.string(), z.unknown()).nullable(),
    identities: z.array(z.object({ platform: z.string(), platformId: z.string(), createdAt: z.string() })),
    history: z.array(z.record(z.string(), z.unknown())),
    recentEvents: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'MemberInspection', description: "A relationship's stored state, identities, history and latest events, for debugging." });

/**
 * `GET /v1/admin/brands/{brandId}/members/{memberId}`: read-only, admin token. Shows what scoring
 * holds for one relationship (its row, the model's stored state, identities, stage/level history,
 * the latest events with where they were read from) and the model's values now.
 */
export function registerMemberAdminRoutes(app: HttpServer, deps: MemberAdminDeps): void {
  const clock = deps.clock ?? Date.now;
  void app.register((plugin, _options, done) => {
    const admin = typedScope(plugin);
    admin.addHook('onRequest', requireAdminToken(deps.adminToken));
    admin.get(
      '/v1/admin/brands/:brandId/members/:memberId',
      {
        schema: {
          tags: ['admin'],
          summary: "Inspect a relationship's stored state (debugging)",
          security: [{ adminToken: [] }],
          params: Params,
          querystring: Query,
          response: { 200: MemberInspection, 400: problemSchema, 401: problemSchema, 404: problemSchema },
        },
      },
      async (request) => {
        const { brandId, memberId } = request.params;
        const row = await readRelationship(deps.pool, brandId, memberId);
        if (row === null) {
          throw problem(404, 'Member not found', `Scoring holds no relationship for member ${memberId} of brand ${brandId}.`, {
            type: problemType('member-not-found'),
          });
        }
        const [identities, history, events] = await Promise.all([
          memberIdentities(deps.pool, brandId, memberId),
          recentHistory(deps.pool, brandId, memberId, request.query.history),
          recentEvents(deps.pool, brandId, memberId, request.query.events),
        ]);
        return {
          brandId,
          memberId,
          relationship: jsonSafe(row),
          now: evaluateNow(decodeHistory(row.state, deps.models.configFor(brandId)), deps.models, brandId, clock()),
          identities: identities.map((i) => ({ platform: i.platform, platformId: i.platformId, createdAt: i.createdAt.toISOString() })),
          history: history.map(jsonSafe),
          recentEvents: events.map(jsonSafe),
        };
      },
    );
    done();
  });
}

function evaluateNow(history: RelationshipHistory, models: ModelLookup, brandId: string, now: number): Record<string, unknown> | null {
  const config = models.configFor(brandId);
  if (history.modelVersion !== config.version) return null;
  const asOf = history.head.at === null ? now : Math.max(now, history.head.at);
  return jsonSafe(evaluateHistory(history, asOf, config));
}

/** Dates as RFC 3339, bigints as strings: what JSON can carry. */
function jsonSafe(row: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))) as Record<string, unknown>;
}
