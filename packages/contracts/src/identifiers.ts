import * as z from 'zod';
import { boundedText } from './text';

// NOTE: the token charset excludes ':' so that message keys built from these ids
// (`brand:platform:platformId`, `brand:memberId`) split unambiguously: only the last segment
// of a key may be free text.
const TOKEN = /^[A-Za-z0-9._-]{1,64}$/;

/** A brand, as registered by an operator: `[A-Za-z0-9._-]{1,64}`. */
export const BrandId = z.string().regex(TOKEN, 'must match [A-Za-z0-9._-]{1,64}');
export type BrandId = z.infer<typeof BrandId>;

/** A registered ingestion source (assigned by ingestion). Same charset as a brand id. */
export const SourceId = z.string().regex(TOKEN, 'must match [A-Za-z0-9._-]{1,64}');
export type SourceId = z.infer<typeof SourceId>;

/** A relationship's member (assigned by scoring). Same charset as a brand id. */
export const MemberId = z.string().regex(TOKEN, 'must match [A-Za-z0-9._-]{1,64}');
export type MemberId = z.infer<typeof MemberId>;

/** The member's id on its platform: any text, 1–200 characters. */
export const PlatformId = boundedText(200, 1);
export type PlatformId = z.infer<typeof PlatformId>;

/** The sender's id of one interaction: any text, 1–200 characters. */
export const EventId = boundedText(200, 1);
export type EventId = z.infer<typeof EventId>;

/** Hex SHA-256 (lower case) of the trimmed, lower-cased email address. */
export const EmailHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256');
export type EmailHash = z.infer<typeof EmailHash>;
