import { problemSchema, type HttpServer } from '@rapport/kit/http';
import type { Pool } from 'pg';
import * as z from 'zod';
import { healthFigures } from '../domain/health-figures';
import { INTERVALS, isoDate, periodsBetween } from '../domain/periods';
import { resolveRange } from '../domain/time-range';
import { readHealthCounters } from '../store/health-queries';
import { BrandParams, checkRange, rangeFields } from './query-params';

export interface HealthRoutesDeps {
  db: Pool;
  now: () => number;
}

const rate = z.number().nullable();
const HealthPoint = z.object({
  periodStart: z.string(),
  partial: z.boolean().describe('The period has not ended yet.'),
  members: z.int().describe('Members first seen before the period’s end.'),
  newMembers: z.int(),
  activeMembers: z.int(),
  returningMembers: z.int(),
  churnedMembers: z.int(),
  retentionRate: rate,
  interactions: z.int(),
  interactionsByType: z.record(z.string(), z.int()),
  responseRate: rate,
  medianResponseSeconds: z.number().nullable(),
  netSentiment: rate,
  stageCounts: z.record(z.string(), z.int()).describe('As of the period’s end.'),
  levelCounts: z.record(z.string(), z.int()).describe('As of the period’s end.'),
});
const HealthSeries = z.object({ series: z.array(HealthPoint) });

const HealthQuery = z.object({ ...rangeFields, interval: z.enum(INTERVALS).default('day') }).superRefine(checkRange);

export function registerHealthRoutes(scope: HttpServer, deps: HealthRoutesDeps): void {
  scope.get(
    '/v1/brands/:brandId/health',
    {
      schema: {
        tags: ['community'], summary: 'Community health by day, ISO week or month (UTC)', security: [{ apiKey: [] }],
        params: BrandParams, querystring: HealthQuery,
        response: { 200: HealthSeries, 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema },
      },
    },
    async (request) => {
      const now = new Date(deps.now());
      const range = resolveRange(request.query.from, request.query.to, now);
      if (!range.ok) throw new Error('unreachable: the range was validated');
      const periods = periodsBetween(range.from, range.to, request.query.interval, now);
      const counters = await readHealthCounters(deps.db, request.params.brandId, request.query.interval, periods);
      return {
        series: periods.map((period, i) => ({ periodStart: isoDate(period.start), partial: period.partial, ...healthFigures(counters[i]!) })),
      };
    },
  );
}
