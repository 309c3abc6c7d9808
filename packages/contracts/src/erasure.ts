import * as z from 'zod';
import { BrandId, PlatformId } from './identifiers';
import { Platform } from './interaction';
import { Timestamp } from './timestamp';

/** An erasure request's id (assigned by ingestion). Also the key of its receipts. */
export const ErasureId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must match [A-Za-z0-9._-]{1,64}');
export type ErasureId = z.infer<typeof ErasureId>;

/** The services that hold personal data and must each confirm an erasure. */
export const ErasingService = z.enum(['ingestion', 'scoring', 'reporting']);
export type ErasingService = z.infer<typeof ErasingService>;

/** Erase the whole member that this identity belongs to (`erasures.v1`). */
export const ErasureRequested = z
  .object({
    id: ErasureId,
    brandId: BrandId,
    platform: Platform,
    platformId: PlatformId,
    requestedAt: Timestamp,
  })
  .meta({ id: 'ErasureRequested', title: 'ErasureRequested', description: 'Erase the member an identity belongs to (erasures.v1).' });
export type ErasureRequested = z.infer<typeof ErasureRequested>;

/** One service finished an erasure (`erasure-receipts.v1`). */
export const ErasureReceipt = z
  .object({
    erasureId: ErasureId,
    service: ErasingService,
    completedAt: Timestamp,
  })
  .meta({ id: 'ErasureReceipt', title: 'ErasureReceipt', description: 'A service completed an erasure (erasure-receipts.v1).' });
export type ErasureReceipt = z.infer<typeof ErasureReceipt>;
