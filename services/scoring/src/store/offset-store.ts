import { q, type Queryable } from '@rapport/kit/pg';

export interface PartitionRef {
  groupId: string;
  topic: string;
  partition: number;
}

/**
 * The next offset known applied for a partition (null: none yet). Written in each batch's
 * transaction, so it is exact even when the Kafka commit that should follow never happened.
 */
export async function readNextOffset(client: Queryable, ref: PartitionRef): Promise<bigint | null> {
  const { rows } = await q<{ next_offset: string }>(
    client,
    'scoring:select-offset',
    'SELECT next_offset FROM consumed_offsets WHERE group_id = $1 AND topic = $2 AND kafka_partition = $3',
    [ref.groupId, ref.topic, ref.partition],
  );
  const row = rows[0];
  return row === undefined ? null : BigInt(row.next_offset);
}

/** Records that everything before `nextOffset` is applied; never moves backwards (a zombie's late batch). */
export async function storeNextOffset(client: Queryable, ref: PartitionRef, nextOffset: bigint): Promise<void> {
  await q(
    client,
    'scoring:store-offset',
    `INSERT INTO consumed_offsets (group_id, topic, kafka_partition, next_offset) VALUES ($1, $2, $3, $4)
     ON CONFLICT (group_id, topic, kafka_partition)
     DO UPDATE SET next_offset = GREATEST(consumed_offsets.next_offset, EXCLUDED.next_offset), updated_at = now()`,
    [ref.groupId, ref.topic, ref.partition, nextOffset.toString()],
  );
}
