import { commonConfig, commonSlices, port } from '@rapport/kit/config';
import type * as z from 'zod';
import { scoringEnv, scoringSlice } from './scoring-config';

/** Scoring's environment: the common one (`@rapport/kit/config`) on port 3002, plus its own work. */
export const scoringConfigSchema = commonConfig
  .extend({
    PORT: port(3002),
    ...scoringEnv,
  })
  .transform((env) => ({
    ...commonSlices(env, 'scoring'),
    scoring: scoringSlice(env),
  }));

export type ScoringConfig = z.output<typeof scoringConfigSchema>;
