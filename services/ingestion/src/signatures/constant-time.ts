import { createHash, timingSafeEqual } from 'node:crypto';

// timingSafeEqual throws on buffers of different lengths; callers decode a signature to its
// fixed digest length first, so a length difference only reveals that the input was malformed.
export function digestsEqual(expected: Buffer, received: Buffer): boolean {
  if (expected.length !== received.length) return false;
  return timingSafeEqual(expected, received);
}

// For secrets of arbitrary length (a verify token): hashing both sides first gives equal-length
// buffers, so neither the content nor the length of the configured value leaks through timing.
export function stringsEqualConstantTime(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}
