// Every verifier answers with a typed outcome instead of throwing: the HTTP layer maps a failure to
// a 401 (or 403 for a handshake) and logs the reason, never the secret or the expected signature.
export type SignatureFailure =
  /** The signature (or timestamp, id) header is absent or empty. */
  | 'missing_header'
  /** The header is present but not shaped like the scheme's signature (prefix, length, alphabet). */
  | 'malformed_header'
  /** The timestamp header is not a plain integer of seconds. */
  | 'malformed_timestamp'
  /** The timestamp is further from now than the tolerance (a replay or a clock far off). */
  | 'timestamp_out_of_tolerance'
  /** No configured secret is usable (empty, or not decodable). A configuration problem. */
  | 'no_usable_secret'
  /** Well-formed, in time, but no signature matches any secret. */
  | 'signature_mismatch';

export type SignatureRejected = { ok: false; reason: SignatureFailure };
export type SignatureResult = { ok: true } | SignatureRejected;

export const signatureOk: SignatureResult = Object.freeze({ ok: true });

export function signatureFailed(reason: SignatureFailure): SignatureRejected {
  return { ok: false, reason };
}
