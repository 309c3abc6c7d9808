import { signatureFailed, type SignatureRejected } from './signature-result';

export const DEFAULT_TOLERANCE_SECONDS = 300;

// Unix seconds as the schemes send them: plain decimal digits. parseInt would accept "12abc" or
// "1e9"; a signature over a timestamp we parsed differently from the sender would be meaningless.
const UNIX_SECONDS = /^\d{1,15}$/;

export type TimestampCheck = { ok: true; seconds: number; text: string } | SignatureRejected;

/** Parses a unix-seconds header and checks it lies within ±tolerance of `now`. */
export function checkTimestamp(header: unknown, now: Date, toleranceSeconds: number): TimestampCheck {
  if (header === undefined || header === null || header === '') return signatureFailed('missing_header');
  if (typeof header !== 'string' || !UNIX_SECONDS.test(header)) return signatureFailed('malformed_timestamp');
  const seconds = Number(header);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(nowSeconds) || Math.abs(nowSeconds - seconds) > toleranceSeconds) {
    return signatureFailed('timestamp_out_of_tolerance');
  }
  return { ok: true, seconds, text: header };
}
