import { commonConfig, commonSlices, port } from '@rapport/kit/config';
import type * as z from 'zod';

/**
 * Reporting's environment: the common one (`@rapport/kit/config`) on port 3003. Its own settings
 * (topics, consumer group, API key pepper) join here as the consumers and routes arrive.
 */
export const reportingConfigSchema = commonConfig
  .extend({
    PORT: port(3003),
  })
  .transform((env) => ({
    ...commonSlices(env, 'reporting'),
  }));

export type ReportingConfig = z.output<typeof reportingConfigSchema>;
