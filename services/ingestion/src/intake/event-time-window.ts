/** How far in the future an `occurredAt` may lie (clock skew between sender and us). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export type TimeWindowCheck = { ok: true } | { ok: false; message: string };

/**
 * `occurredAt` must not lie more than 5 minutes after `receivedAt`, nor before the brand's
 * retention (older events could never count and would only be purged again).
 */
export function checkOccurredAt(occurredAt: string, receivedAt: Date, retentionMs: number): TimeWindowCheck {
  const at = Date.parse(occurredAt);
  if (Number.isNaN(at)) return { ok: true }; // not a timestamp: the schema reports it
  if (at > receivedAt.getTime() + FUTURE_TOLERANCE_MS) {
    return { ok: false, message: 'is more than 5 minutes in the future' };
  }
  if (at < receivedAt.getTime() - retentionMs) {
    return { ok: false, message: `is older than the retention (${Math.round(retentionMs / 86_400_000)} days)` };
  }
  return { ok: true };
}
