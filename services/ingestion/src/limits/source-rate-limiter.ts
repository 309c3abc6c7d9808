import { fullBucket, take, type TakeResult, type TokenBucketLimits, type TokenBucketState } from './token-bucket';

/**
 * One token bucket per source, in this process's memory. Requests are counted, not events: a
 * sender that batches is rewarded rather than punished.
 *
 * NOTE: with N replicas behind a load balancer each replica holds its own bucket, so a source's
 * effective limit is up to N × its configured rate. That is deliberate: the limit protects each
 * replica from one noisy source and costs nothing on the hot path; a fleet-wide quota would need a
 * shared store (a Postgres row per source and second, or Redis) and a round trip per request.
 */
export class SourceRateLimiter {
  private readonly buckets = new Map<string, TokenBucketState>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly maxTrackedSources = 100_000,
  ) {}

  take(sourceId: string, limits: TokenBucketLimits): TakeResult {
    let bucket = this.buckets.get(sourceId);
    if (bucket === undefined) {
      // Sources are registered, so the map is bounded by the registry; the cap guards memory anyway.
      if (this.buckets.size >= this.maxTrackedSources) this.buckets.clear();
      bucket = fullBucket(limits, this.now());
      this.buckets.set(sourceId, bucket);
    }
    return take(bucket, limits, this.now());
  }

  forget(sourceId: string): void {
    this.buckets.delete(sourceId);
  }
}
