import { commonConfig, commonSlices, port } from '@rapport/kit/config';
import type * as z from 'zod';

/**
 * Scoring's environment: the common one (`@rapport/kit/config`) on port 3002. Its own settings
 * (topics, consumer group, batch sizes) join here as the consumers arrive.
 */
export const scoringConfigSchema = commonConfig
  .extend({
    PORT: port(3002),
  })
  .transform((env) => ({
    ...commonSlices(env, 'scoring'),
  }));

export type ScoringConfig = z.output<typeof scoringConfigSchema>;
