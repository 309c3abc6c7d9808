import * as z from 'zod';
import { BrandId } from './identifiers';
import { Timestamp } from './timestamp';

/**
 * A brand's model version became active (`models.v1`), published after every `relationships`
 * update of that version: readers switch the brand once they hold `relationships` of them.
 */
export const ModelActivated = z
  .object({
    brandId: BrandId,
    modelVersion: z.int().min(1),
    halfLifeSeconds: z.int().min(1),
    activatedAt: Timestamp,
    relationships: z.int().min(0),
  })
  .meta({ id: 'ModelActivated', title: 'ModelActivated', description: "A brand's model became active (models.v1)." });
export type ModelActivated = z.infer<typeof ModelActivated>;
