import { describe, expect, it } from 'vitest';
import { apiKeyId, apiKeyMatches, hashApiKey, mintApiKey } from './api-key-format';

describe('API keys', () => {
  it('mints distinct keys whose id is readable and whose hash verifies', () => {
    const a = mintApiKey();
    const b = mintApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^rpk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyId(a.key)).toBe(a.id);
    expect(apiKeyMatches(a.key, a.hash)).toBe(true);
    expect(apiKeyMatches(b.key, a.hash)).toBe(false);
    expect(a.hash.equals(hashApiKey(a.key))).toBe(true);
  });

  it('refuses anything that is not a key before any lookup', () => {
    for (const bad of ['', 'rpk_', "rpk_' OR 1=1 --", `rpk_${'g'.repeat(16)}_${'a'.repeat(43)}`, `rpk_${'0'.repeat(16)}_${'a'.repeat(44)}`]) {
      expect(apiKeyId(bad)).toBeNull();
    }
  });
});
