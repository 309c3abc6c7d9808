// The fixed-rate (open model) schedule: request i is due at i / rate, whatever happened to the
// requests before it. Latency is measured from that due time, so a server that stalls is charged
// for every request that waited, not only the ones it eventually answered (coordinated omission).

/** Requests in a run of `durationMs` at `ratePerSecond`. */
export function scheduledRequests(ratePerSecond: number, durationMs: number): number {
  return Math.floor((ratePerSecond * durationMs) / 1000);
}

/** When request `index` is due, in ms after the start. */
export function dueAtMs(index: number, ratePerSecond: number): number {
  return (index * 1000) / ratePerSecond;
}

/** How many requests are due `elapsedMs` after the start (request 0 is due at once), at most `total`. */
export function dueCount(elapsedMs: number, ratePerSecond: number, total: number): number {
  if (elapsedMs < 0) return 0;
  return Math.min(total, Math.floor((elapsedMs * ratePerSecond) / 1000) + 1);
}
