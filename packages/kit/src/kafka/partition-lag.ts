/** One partition's retained range as the broker reports it (`admin.fetchTopicOffsets`). */
export interface PartitionEnds {
  partition: number;
  /** Oldest offset still retained. */
  low: string;
  /** Offset the next record will get (the end). */
  high: string;
}

export interface PartitionLag {
  partition: number;
  /** The group's committed offset (the next record it will read), null when it never committed. */
  committed: string | null;
  low: string;
  high: string;
  /** Records between the group's position and the end. */
  lag: number;
}

/**
 * How far a group is behind on each partition. A group that never committed (or whose offset fell
 * below what retention keeps) starts from the oldest retained record, so everything retained is
 * ahead of it. Pure: the consumer-group status command and the scrape-time gauges share it.
 */
export function partitionLags(ends: readonly PartitionEnds[], committed: ReadonlyMap<number, string>): PartitionLag[] {
  return [...ends]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, low, high }) => {
      const offset = committed.get(partition);
      const known = offset !== undefined && BigInt(offset) >= 0n ? offset : null;
      const position = known === null || BigInt(known) < BigInt(low) ? BigInt(low) : BigInt(known);
      const behind = BigInt(high) - position;
      return { partition, committed: known, low, high, lag: behind > 0n ? Number(behind) : 0 };
    });
}

/** The sum of the partitions' lags. */
export function totalLag(lags: readonly PartitionLag[]): number {
  return lags.reduce((sum, p) => sum + p.lag, 0);
}
