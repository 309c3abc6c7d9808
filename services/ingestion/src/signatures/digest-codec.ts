// Strict decoders for the signature text carried in headers. Buffer.from(text, 'base64') silently
// skips characters outside the alphabet, so the shape is checked first: a header must decode to
// exactly one SHA-256 digest or it is malformed.

const SHA256_BYTES = 32;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
// 32 bytes → 43 base64 characters plus one '=' of padding (standard alphabet, as the schemes use).
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

export function decodeHexDigest(text: string): Buffer | undefined {
  if (!HEX_SHA256.test(text)) return undefined;
  return Buffer.from(text, 'hex');
}

export function decodeBase64Digest(text: string): Buffer | undefined {
  if (!BASE64_SHA256.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === SHA256_BYTES ? bytes : undefined;
}
