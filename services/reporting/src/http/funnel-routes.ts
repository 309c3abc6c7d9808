import { Stage } from '@rapport/contracts';
import { problemSchema, type HttpServer } from '@rapport/kit/http';
import type { Pool } from 'pg';
import * as z from 'zod';
import { addPeriods, isoDate, periodStart } from '../domain/periods';
import { resolveRange } from '../domain/time-range';
import { readFunnel } from '../store/funnel-queries';
import { BrandParams, checkRange, rangeFields } from './query-params';

export interface FunnelRoutesDeps {
  db: Pool;
  now: () => number;
}

const Funnel = z.object({
  acquired: z.int().describe('Members first seen in the range (whole UTC days).'),
  steps: z.array(z.object({
    stage: z.enum(['engaged', 'advocate', 'converted']),
    members: z.int().describe('Of the acquired, those that ever reached this step.'),
    rateFromPrevious: z.number().nullable(),
    rateFromAcquired: z.number().nullable(),
  })),
  revenueByStage: z.array(z.object({ stage: Stage, currency: z.string(), conversions: z.int(), revenue: z.number() }))
    .describe('Conversions in the range, by the member’s stage just before converting.'),
});

const ratio = (num: number, den: number) => (den === 0 ? null : num / den);

export function registerFunnelRoutes(scope: HttpServer, deps: FunnelRoutesDeps): void {
  scope.get(
    '/v1/brands/:brandId/funnel',
    {
      schema: {
        tags: ['community'], summary: 'From first seen to engaged, advocate and converted; revenue by stage', security: [{ apiKey: [] }],
        params: BrandParams, querystring: z.object(rangeFields).superRefine(checkRange),
        response: { 200: Funnel, 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema },
      },
    },
    async (request) => {
      const range = resolveRange(request.query.from, request.query.to, new Date(deps.now()));
      if (!range.ok) throw new Error('unreachable: the range was validated');
      // NOTE: the rollups are per UTC day: the range covers the days it intersects.
      const fromDay = isoDate(periodStart(range.from, 'day'));
      const toDay = isoDate(addPeriods(periodStart(range.to.getTime() - 1, 'day'), 'day', 1));
      const f = await readFunnel(deps.db, request.params.brandId, fromDay, toDay);
      const steps = [
        { stage: 'engaged' as const, members: f.engaged, previous: f.acquired },
        { stage: 'advocate' as const, members: f.advocate, previous: f.engaged },
        { stage: 'converted' as const, members: f.converted, previous: f.advocate },
      ];
      return {
        acquired: f.acquired,
        steps: steps.map((s) => ({ stage: s.stage, members: s.members, rateFromPrevious: ratio(s.members, s.previous), rateFromAcquired: ratio(s.members, f.acquired) })),
        revenueByStage: f.revenue,
      };
    },
  );
}
