import * as z from 'zod';
import { Platform } from '@rapport/contracts';

/** What a source is registered for: an event platform, or `meta` (a Facebook Page with its
 *  Instagram account, whose events carry `facebook` or `instagram`). */
export const SourcePlatform = z.enum([...Platform.options, 'meta']);
export type SourcePlatform = z.infer<typeof SourcePlatform>;

export type SourceStatus = 'active' | 'disabled';

/** A registered source as the admin API shows it: never a secret. */
export interface Source {
  id: string;
  brandId: string;
  platform: SourcePlatform;
  name: string;
  status: SourceStatus;
  createdAt: Date;
  /** The brand's own account ids on the platform: their events are `outbound`. */
  brandAccountIds: string[];
  publicKey: string | null;
  /** Requests per second allowed to this source; null → the service default. */
  rateLimitPerSecond: number | null;
}

/** A source with its credentials opened, as the request path needs it. Lives only in memory. */
export interface SourceWithCredentials extends Source {
  secret: string;
  previousSecret: { secret: string; expiresAt: Date } | null;
  appSecret: string | null;
  verifyToken: string | null;
}

/** The Standard Webhooks secrets that verify a request at `now`: the current one and, during the
 *  24 hours after a rotation, the previous one. */
export function validSecrets(source: SourceWithCredentials, now: Date): string[] {
  const previous = source.previousSecret;
  return previous !== null && previous.expiresAt.getTime() > now.getTime() ? [source.secret, previous.secret] : [source.secret];
}

/** How long the previous secret keeps verifying after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
