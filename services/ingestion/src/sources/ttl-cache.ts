/**
 * A small read-through cache with a time-to-live, for lookups on the request path (a source per
 * request). Misses are cached too (`undefined`), so a flood of requests for unknown ids cannot turn
 * into a query each; concurrent misses for one key share a single load.
 *
 * NOTE: invalidation is local to this process. Another replica sees an admin change (a disabled
 * source, a rotated secret) after at most `ttlMs`, which is why the TTL is kept short.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V | undefined; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<V | undefined>>();
  private generation = 0;

  constructor(
    private readonly load: (key: string) => Promise<V | undefined>,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async get(key: string): Promise<V | undefined> {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt > this.now()) return entry.value;
    const pending = this.loading.get(key);
    if (pending !== undefined) return pending;

    const generation = this.generation;
    const loaded = this.load(key).then(
      (value) => {
        this.loading.delete(key);
        // A load that raced an invalidation may hold stale data: answer it, but do not keep it.
        if (generation === this.generation) this.remember(key, value);
        return value;
      },
      (error: unknown) => {
        this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }

  invalidate(key: string): void {
    this.generation += 1;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  private remember(key: string, value: V | undefined): void {
    if (this.entries.size >= this.maxEntries) {
      // Evict the oldest insertion (Map keeps insertion order): cheap, and good enough for a TTL cache.
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }
}
