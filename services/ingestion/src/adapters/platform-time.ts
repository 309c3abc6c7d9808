// Platforms give event times in half a dozen forms; canonical events carry RFC 3339 UTC.
// Each helper answers undefined for anything unusable, and the adapter then falls back on the
// receive time: a missing timestamp never costs the interaction.

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

function fromMillis(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > LATEST) return undefined;
  return new Date(Math.floor(ms)).toISOString();
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** Unix seconds, as a number or decimal string (Slack's `ts` "1355517523.000005" included). */
export function isoFromUnixSeconds(value: unknown): string | undefined {
  const n = toNumber(value);
  return n === undefined ? undefined : fromMillis(n * 1000);
}

/** Unix milliseconds, as a number or string (X's `timestamp_ms`, `created_timestamp`). */
export function isoFromUnixMillis(value: unknown): string | undefined {
  const n = toNumber(value);
  return n === undefined ? undefined : fromMillis(n);
}

/** Meta sends seconds in feed changes and milliseconds in messaging; tell them apart by size. */
export function isoFromUnixEpochGuess(value: unknown): string | undefined {
  const n = toNumber(value);
  if (n === undefined) return undefined;
  return n >= 1e11 ? fromMillis(n) : fromMillis(n * 1000);
}

/** A date string: ISO 8601 (GitHub, Discourse) or X's "Mon Mar 26 16:33:26 +0000 2018". */
export function isoFromDateString(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  return fromMillis(Date.parse(value));
}

/** The first usable time among candidates, else the receive time. */
export function eventTime(receivedAt: Date, ...candidates: (string | undefined)[]): string {
  for (const candidate of candidates) if (candidate !== undefined) return candidate;
  return receivedAt.toISOString();
}
