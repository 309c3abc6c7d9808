/**
 * Response times kept as a histogram per brand and period (day, week, month), so that the median
 * of any period is answered from a bounded number of rows instead of every answered event.
 *
 * Buckets: whole seconds below 32 s (exact to the second), then logarithmic buckets 4 % wide
 * (32 s to 3 days is ~230 buckets, a year ~380), which bounds the rows a 90-day series reads.
 * A bucket's value is its lower bound below 32 s and its geometric middle above, so the median
 * is exact to the second under half a minute and within 2 % beyond.
 */
const EXACT_BELOW = 32;
const RATIO = 1.04;
const LOG_RATIO = Math.log(RATIO);

export function responseBucket(seconds: number): number {
  const s = Math.max(0, seconds);
  if (s < EXACT_BELOW) return Math.floor(s);
  return EXACT_BELOW + Math.floor(Math.log(s / EXACT_BELOW) / LOG_RATIO + 1e-12);
}

export function bucketSeconds(bucket: number): number {
  if (bucket < EXACT_BELOW) return bucket;
  return EXACT_BELOW * RATIO ** (bucket - EXACT_BELOW + 0.5);
}

/** The median of a histogram (`[bucket, count]` pairs, any order); null when it is empty. */
export function medianFromHistogram(histogram: ReadonlyArray<readonly [bucket: number, count: number]>): number | null {
  const sorted = histogram.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  // The average of the two middle values (the same value when the count is odd).
  const lowRank = Math.floor((total - 1) / 2);
  const highRank = Math.ceil((total - 1) / 2);
  let low: number | undefined;
  let seen = 0;
  for (const [bucket, n] of sorted) {
    if (low === undefined && lowRank < seen + n) low = bucketSeconds(bucket);
    if (highRank < seen + n) return ((low ?? bucketSeconds(bucket)) + bucketSeconds(bucket)) / 2;
    seen += n;
  }
  return null;
}
