/** Query and path parameters shared by the brand routes. */
import { BrandId, Timestamp } from '@rapport/contracts';
import * as z from 'zod';
import { resolveRange } from '../domain/time-range';

export const BrandParams = z.object({ brandId: BrandId });

/** `from`/`to` (RFC 3339): the last 90 days by default, at most 2 years. */
export const rangeFields = {
  from: Timestamp.optional().describe('Inclusive; default `to` − 90 days.'),
  to: Timestamp.optional().describe('Exclusive; default now.'),
};

export function checkRange(query: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  const range = resolveRange(query.from, query.to, new Date());
  if (!range.ok) ctx.addIssue({ code: 'custom', path: [range.path], message: range.message });
}

/** `limit` 1–200, default 50. */
export const limitField = z.coerce.number().int().min(1).max(200).default(50);

/** An opaque cursor from a previous page. */
export const cursorField = z.string().min(1).max(1024).optional();
