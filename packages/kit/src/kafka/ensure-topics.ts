import type { Admin, ConfigResourceTypes, ConfigSource } from 'kafkajs';

// NOTE: kafkajs is CommonJS and Node's ESM loader does not see its ConfigResourceTypes and
// ConfigSource enums as named exports (vitest does, plain Node and tsx do not), so the two
// protocol values used here are spelled out.
const TOPIC_RESOURCE = 2 as ConfigResourceTypes; // ConfigResourceTypes.TOPIC
const TOPIC_CONFIG_SOURCE = 1 as ConfigSource; // ConfigSource.TOPIC_CONFIG: an override set on the topic itself

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Replicas per partition; the broker's `default.replication.factor` when omitted. */
  replicationFactor?: number;
  /** Topic-level settings (`cleanup.policy`, `retention.ms`, …). */
  config?: Readonly<Record<string, string>>;
}

export interface EnsureTopicsReport {
  created: string[];
  /** Existing topics whose settings differed from the spec and were set to it. */
  reconfigured: { topic: string; changes: Record<string, { from: string | null; to: string }> }[];
  /**
   * Existing topics whose partition count differs from the spec. Never changed here: adding
   * partitions moves keys to other partitions (per-key order breaks during the move), and Kafka
   * cannot remove any. An operator decides.
   */
  partitionMismatches: { topic: string; actual: number; wanted: number }[];
  unchanged: string[];
}

/**
 * Makes the broker hold the given topics: creates the missing ones and brings the settings of
 * existing ones to the spec. Idempotent; safe to run at every deploy and from tests.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<EnsureTopicsReport> {
  const report: EnsureTopicsReport = { created: [], reconfigured: [], partitionMismatches: [], unchanged: [] };
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.topic));
  const present = specs.filter((spec) => existing.has(spec.topic));

  if (missing.length > 0) {
    // NOTE: listing first keeps kafkajs from logging TOPIC_ALREADY_EXISTS as an error; a topic
    // created meanwhile by another process makes createTopics answer false, which is fine.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.numPartitions,
        ...(spec.replicationFactor === undefined ? {} : { replicationFactor: spec.replicationFactor }),
        configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    report.created.push(...missing.map((spec) => spec.topic));
  }
  if (present.length === 0) return report;

  const metadata = await admin.fetchTopicMetadata({ topics: present.map((spec) => spec.topic) });
  const partitionCounts = new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((spec) => ({ type: TOPIC_RESOURCE, name: spec.topic })),
  });
  const configs = new Map(described.resources.map((r) => [r.resourceName, r.configEntries]));

  for (const spec of present) {
    const actual = partitionCounts.get(spec.topic) ?? 0;
    if (actual !== spec.numPartitions) report.partitionMismatches.push({ topic: spec.topic, actual, wanted: spec.numPartitions });

    const entries = configs.get(spec.topic) ?? [];
    const changes: Record<string, { from: string | null; to: string }> = {};
    for (const [name, value] of Object.entries(spec.config ?? {})) {
      const current = entries.find((e) => e.configName === name)?.configValue ?? null;
      if (current !== value) changes[name] = { from: current, to: value };
    }
    if (Object.keys(changes).length === 0) {
      if (actual === spec.numPartitions) report.unchanged.push(spec.topic);
      continue;
    }
    // TRICKY: AlterConfigs (the only variant kafkajs speaks) replaces the topic's whole set of
    // overrides, so the overrides set by someone else are sent along to be kept.
    const overrides = new Map(
      entries.filter((e) => e.configSource === TOPIC_CONFIG_SOURCE && !e.isSensitive).map((e) => [e.configName, e.configValue]),
    );
    for (const [name, value] of Object.entries(spec.config ?? {})) overrides.set(name, value);
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        { type: TOPIC_RESOURCE, name: spec.topic, configEntries: [...overrides].map(([name, value]) => ({ name, value })) },
      ],
    });
    report.reconfigured.push({ topic: spec.topic, changes });
  }
  return report;
}
