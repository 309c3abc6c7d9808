/**
 * Resolves a presented API key to its brands, with a short in-memory cache so that a busy key
 * costs one hash per request, not one query. Revocation through this process is immediate; other
 * replicas see it within the cache's time to live.
 */
import { apiKeyId, apiKeyMatches } from './api-key-format';

export interface StoredApiKey {
  id: string;
  brands: readonly string[];
  hash: Buffer;
}

export interface ApiKeyLookup {
  /** The active (not revoked) key with this id, or null. */
  findActive(id: string): Promise<StoredApiKey | null>;
}

export interface VerifiedKey {
  id: string;
  brands: ReadonlySet<string>;
}

export interface ApiKeyVerifier {
  verify(key: string): Promise<VerifiedKey | null>;
  forget(id: string): void;
}

export function createApiKeyVerifier(lookup: ApiKeyLookup, options: { ttlMs: number; maxEntries?: number; now?: () => number }): ApiKeyVerifier {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, { expiresAt: number; key: (StoredApiKey & { brandSet: ReadonlySet<string> }) | null }>();

  async function load(id: string) {
    const hit = cache.get(id);
    if (hit !== undefined && hit.expiresAt > now()) return hit.key;
    const stored = await lookup.findActive(id);
    // NOTE: unknown ids are cached too, so a stream of forged keys cannot become a stream of queries.
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    const key = stored === null ? null : { ...stored, brandSet: new Set(stored.brands) };
    cache.set(id, { expiresAt: now() + options.ttlMs, key });
    return key;
  }

  return {
    async verify(presented) {
      const id = apiKeyId(presented);
      if (id === null) return null;
      const key = await load(id);
      if (key === null || !apiKeyMatches(presented, key.hash)) return null;
      return { id: key.id, brands: key.brandSet };
    },
    forget(id) {
      cache.delete(id);
    },
  };
}
