import { commonConfig, commonSlices, port } from '@rapport/kit/config';
import type * as z from 'zod';
import { reportingEnv, reportingSlice } from './reporting-config';

/** Reporting's environment: the common one (`@rapport/kit/config`) on port 3003, plus its own work. */
export const reportingConfigSchema = commonConfig
  .extend({
    PORT: port(3003),
    ...reportingEnv,
  })
  .transform((env) => ({
    ...commonSlices(env, 'reporting'),
    reporting: reportingSlice(env),
  }));

export type ReportingConfig = z.output<typeof reportingConfigSchema>;
