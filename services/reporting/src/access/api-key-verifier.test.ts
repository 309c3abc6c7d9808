import { describe, expect, it } from 'vitest';
import { mintApiKey } from './api-key-format';
import { createApiKeyVerifier, type StoredApiKey } from './api-key-verifier';

function setup() {
  const minted = mintApiKey();
  const rows = new Map<string, StoredApiKey>([[minted.id, { id: minted.id, brands: ['a', 'b'], hash: minted.hash }]]);
  let lookups = 0;
  let clock = 0;
  const verifier = createApiKeyVerifier(
    { findActive: (id) => { lookups++; return Promise.resolve(rows.get(id) ?? null); } },
    { ttlMs: 1000, now: () => clock },
  );
  return { minted, rows, verifier, lookups: () => lookups, tick: (ms: number) => { clock += ms; } };
}

describe('createApiKeyVerifier', () => {
  it('answers the brands of a valid key and caches the lookup', async () => {
    const s = setup();
    const v = await s.verifier.verify(s.minted.key);
    expect(v?.id).toBe(s.minted.id);
    expect([...v!.brands]).toEqual(['a', 'b']);
    await s.verifier.verify(s.minted.key);
    expect(s.lookups()).toBe(1);
  });

  it('refuses a wrong secret for a known id, and malformed keys without a lookup', async () => {
    const s = setup();
    const forged = `${s.minted.key.slice(0, -1)}${s.minted.key.endsWith('A') ? 'B' : 'A'}`;
    expect(await s.verifier.verify(forged)).toBeNull();
    expect(await s.verifier.verify('nonsense')).toBeNull();
    expect(s.lookups()).toBe(1);
  });

  it('sees a revocation at once when told, otherwise after the time to live', async () => {
    const s = setup();
    await s.verifier.verify(s.minted.key);
    s.rows.delete(s.minted.id);
    expect(await s.verifier.verify(s.minted.key)).not.toBeNull();
    s.tick(1001);
    expect(await s.verifier.verify(s.minted.key)).toBeNull();
    const t = setup();
    await t.verifier.verify(t.minted.key);
    t.rows.delete(t.minted.id);
    t.verifier.forget(t.minted.id);
    expect(await t.verifier.verify(t.minted.key)).toBeNull();
  });
});
