import { Stage, Timestamp } from '@rapport/contracts';
import { problemSchema, validationProblem, type HttpServer } from '@rapport/kit/http';
import type { Pool } from 'pg';
import * as z from 'zod';
import { decodeAlertCursor, encodeAlertCursor } from '../domain/cursor';
import { listAlerts } from '../store/alert-queries';
import { BrandParams, cursorField, limitField } from './query-params';

export interface AlertRoutesDeps {
  db: Pool;
  now: () => number;
}

const DAY_MS = 86_400_000;

const AlertPage = z.object({
  items: z.array(z.object({
    memberId: z.string(),
    at: z.string(),
    kind: z.enum(['became_advocate', 'became_at_risk', 'lapsed']),
    previousStage: Stage.nullable(),
  })),
  nextCursor: z.string().nullable(),
});

export function registerAlertRoutes(scope: HttpServer, deps: AlertRoutesDeps): void {
  scope.get(
    '/v1/brands/:brandId/alerts',
    {
      schema: {
        tags: ['community'], summary: 'Stage-change alerts, newest first', security: [{ apiKey: [] }],
        params: BrandParams,
        querystring: z.object({ since: Timestamp.optional().describe('Default: 7 days ago.'), limit: limitField, cursor: cursorField }),
        response: { 200: AlertPage, 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema },
      },
    },
    async (request) => {
      const since = request.query.since ?? new Date(deps.now() - 7 * DAY_MS).toISOString();
      let after;
      if (request.query.cursor !== undefined) {
        after = decodeAlertCursor(request.query.cursor) ?? undefined;
        if (after === undefined) throw validationProblem([{ path: 'query.cursor', message: 'not a cursor of this list' }]);
      }
      const rows = await listAlerts(deps.db, request.params.brandId, since, request.query.limit, after);
      const page = rows.slice(0, request.query.limit);
      const last = page.at(-1);
      return {
        items: page.map((a) => ({ memberId: a.memberId, at: a.at, kind: a.kind, previousStage: a.previousStage })),
        nextCursor: rows.length > request.query.limit && last !== undefined ? encodeAlertCursor({ atMs: last.atMs, memberId: last.memberId, kind: last.kind }) : null,
      };
    },
  );
}
