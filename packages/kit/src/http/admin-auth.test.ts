import { describe, expect, it } from 'vitest';
import { adminTokenMatches, bearerToken } from './admin-auth';

describe('admin token', () => {
  it('matches only the configured token', () => {
    expect(adminTokenMatches('a-long-admin-token', 'a-long-admin-token')).toBe(true);
    expect(adminTokenMatches('a-long-admin-token', 'a-long-admin-tokem')).toBe(false);
    expect(adminTokenMatches('a-long-admin-token', 'a-long-admin-token-and-more')).toBe(false);
    expect(adminTokenMatches('a-long-admin-token', '')).toBe(false);
    expect(adminTokenMatches('a-long-admin-token', undefined)).toBe(false);
  });

  it('reads a bearer token and nothing else', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken(`Bearer ${'x'.repeat(1_100)}`)).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
