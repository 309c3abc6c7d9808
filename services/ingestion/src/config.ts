import { commonConfig, commonSlices, port } from '@rapport/kit/config';
import type * as z from 'zod';
import { intakeEnv, intakeSlice } from './intake-config';

/** Ingestion's environment: the common one on port 3001, plus its intake settings. */
export const ingestionConfigSchema = commonConfig
  .extend({
    PORT: port(3001),
    ...intakeEnv,
  })
  .transform((env) => ({
    ...commonSlices(env, 'ingestion'),
    intake: intakeSlice(env),
  }));

export type IngestionConfig = z.output<typeof ingestionConfigSchema>;
