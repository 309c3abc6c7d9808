import { createHash } from 'node:crypto';
import type { Platform } from '@rapport/contracts';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, no padding: only `[a-z2-7]`, so it fits the MemberId charset. */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * The id of the member a new identity starts: `m_` + 26 base32 characters (130 bits) of
 * SHA-256(`brandId:platform:platformId`).
 *
 * NOTE: deterministic on purpose. A replay, or two instances seeing a new identity at the same
 * moment, agree on the id without coordination; and the merge rule ("the member first seen
 * earliest, then the smaller id") orders members the same way everywhere. The brand is part of the
 * hash so that one person's ids differ across brands (no cross-brand correlation by id).
 */
export function memberIdFor(brandId: string, platform: Platform, platformId: string): string {
  const digest = createHash('sha256').update(`${brandId}:${platform}:${platformId}`, 'utf8').digest();
  return `m_${base32(digest).slice(0, 26)}`;
}
