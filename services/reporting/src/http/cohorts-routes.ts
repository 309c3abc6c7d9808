import { problemSchema, type HttpServer } from '@rapport/kit/http';
import type { Pool } from 'pg';
import * as z from 'zod';
import { addPeriods, isoDate, periodStart, periodsApart, periodsBetween } from '../domain/periods';
import { resolveRange } from '../domain/time-range';
import { readCohorts } from '../store/cohort-queries';
import { BrandParams, checkRange, rangeFields } from './query-params';

export interface CohortRoutesDeps {
  db: Pool;
  now: () => number;
}

const Cohorts = z.object({
  cohorts: z.array(z.object({
    periodStart: z.string(),
    size: z.int().describe('Members first seen in the period.'),
    active: z.array(z.number()).describe('Share of the cohort active 0, 1, 2 … periods later, up to the current period.'),
  })),
});

export function registerCohortRoutes(scope: HttpServer, deps: CohortRoutesDeps): void {
  scope.get(
    '/v1/brands/:brandId/cohorts',
    {
      schema: {
        tags: ['community'], summary: 'First-seen cohorts and their activity in later periods', security: [{ apiKey: [] }],
        params: BrandParams, querystring: z.object({ ...rangeFields, interval: z.enum(['week', 'month']).default('week') }).superRefine(checkRange),
        response: { 200: Cohorts, 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema },
      },
    },
    async (request) => {
      const now = new Date(deps.now());
      const range = resolveRange(request.query.from, request.query.to, now);
      if (!range.ok) throw new Error('unreachable: the range was validated');
      const interval = request.query.interval;
      const periods = periodsBetween(range.from, range.to, interval, now);
      const first = periods[0];
      const last = periods.at(-1);
      if (first === undefined || last === undefined) return { cohorts: [] };
      const rows = await readCohorts(deps.db, request.params.brandId, interval, isoDate(first.start), isoDate(last.end));
      const current = periodStart(now, interval);
      const cohorts = periods.flatMap((p) => {
        const start = isoDate(p.start);
        const size = rows.sizes.get(start) ?? 0;
        if (size === 0) return [];
        const later = periodsApart(p.start, current, interval);
        const active = Array.from({ length: later + 1 }, (_, k) => (rows.active.get(`${start}|${isoDate(addPeriods(p.start, interval, k))}`) ?? 0) / size);
        return [{ periodStart: start, size, active }];
      });
      return { cohorts };
    },
  );
}
