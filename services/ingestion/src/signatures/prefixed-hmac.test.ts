import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { prefixedHmac, verifyPrefixedHmac } from './prefixed-hmac';

describe('verifyPrefixedHmac', () => {
  test.prop([fc.string({ minLength: 1 }), fc.uint8Array({ maxLength: 512 }), fc.constantFrom('hex' as const, 'base64' as const)])(
    'round-trips its own signatures',
    (secret, body, encoding) => {
      const header = prefixedHmac(secret, 'sha256=', encoding, [Buffer.from(body)]);
      expect(verifyPrefixedHmac({ secret, header, prefix: 'sha256=', encoding, signedParts: [Buffer.from(body)] })).toEqual({ ok: true });
    },
  );

  test.prop([fc.anything(), fc.string(), fc.uint8Array({ maxLength: 64 }), fc.constantFrom('hex' as const, 'base64' as const)])(
    'never throws and never verifies garbage',
    (header, secret, body, encoding) => {
      const result = verifyPrefixedHmac({ secret, header, prefix: 'sha256=', encoding, signedParts: [Buffer.from(body)] });
      expect(result.ok).toBe(false);
    },
  );

  test.prop([fc.string({ minLength: 1 }), fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.nat(), fc.integer({ min: 1, max: 255 })])(
    'a flipped byte of the body is always a mismatch',
    (secret, bytes, at, flip) => {
      const body = Buffer.from(bytes);
      const header = prefixedHmac(secret, 'sha256=', 'hex', [body]);
      const tampered = Buffer.from(body);
      const index = at % tampered.length;
      tampered[index] = (tampered[index] ?? 0) ^ flip;
      expect(verifyPrefixedHmac({ secret, header, prefix: 'sha256=', encoding: 'hex', signedParts: [tampered] })).toEqual({ ok: false, reason: 'signature_mismatch' });
    },
  );
});
