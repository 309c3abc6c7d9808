import type { Admin } from 'kafkajs';
import { TOPICS } from '@rapport/contracts';
import { readGroupLag, totalLag, type PartitionLag } from '@rapport/kit/kafka';

export interface GroupTopic {
  group: string;
  topic: string;
}

/** The groups Rapport runs with their default names (CONSUMER_GROUP of scoring and reporting). */
export const RAPPORT_GROUPS: GroupTopic[] = [
  { group: 'rapport-scoring', topic: TOPICS.interactions },
  { group: 'rapport-reporting', topic: TOPICS.relationships },
];

export interface GroupStatus extends GroupTopic {
  /** Empty, Stable, PreparingRebalance, Dead… as the coordinator says. */
  state: string;
  members: number;
  totalLag: number;
  partitions: PartitionLag[];
  error?: string;
}

/** Lag per partition (committed offset vs end, from the broker) and the members of each group. */
export async function consumerGroupsStatus(admin: Admin, groups: readonly GroupTopic[] = RAPPORT_GROUPS): Promise<GroupStatus[]> {
  const described = await admin.describeGroups(groups.map((g) => g.group));
  const byId = new Map(described.groups.map((g) => [g.groupId, g]));
  const statuses: GroupStatus[] = [];
  for (const { group, topic } of groups) {
    const info = byId.get(group);
    const base = { group, topic, state: info?.state ?? 'Unknown', members: info?.members.length ?? 0 };
    try {
      const partitions = await readGroupLag(admin, group, topic);
      statuses.push({ ...base, totalLag: totalLag(partitions), partitions });
    } catch (error) {
      statuses.push({ ...base, totalLag: 0, partitions: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  return statuses;
}
