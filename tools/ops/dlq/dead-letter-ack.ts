import type { Admin } from 'kafkajs';
import { dlqTopic } from '@rapport/contracts';
import { DLQ_HANDLED_GROUP, readGroupLag } from '@rapport/kit/kafka';

export interface AckedPartition {
  partition: number;
  /** The handled mark before (null: never acknowledged). */
  from: string | null;
  to: string;
  /** Dead letters still after the mark. */
  pending: number;
}

/**
 * Marks the dead letters of `<topic>.dlq` up to `toOffset` (exclusive; the current end when
 * omitted) as dealt with, by committing `DLQ_HANDLED_GROUP`'s offsets there: the
 * `rapport_dlq_pending_messages` gauge and its alert count only what comes after. Never moves a
 * mark backwards.
 */
export async function ackDeadLetters(admin: Admin, topic: string, toOffset?: bigint): Promise<AckedPartition[]> {
  const dlq = dlqTopic(topic);
  const lags = await readGroupLag(admin, DLQ_HANDLED_GROUP, dlq);
  const moves = lags.map((p) => {
    const end = BigInt(p.high);
    const wanted = toOffset === undefined || toOffset > end ? end : toOffset;
    const current = p.committed === null ? null : BigInt(p.committed);
    const to = current !== null && current > wanted ? current : wanted;
    return { partition: p.partition, from: p.committed, to: to.toString(), pending: Number(end - (to < BigInt(p.low) ? BigInt(p.low) : to)) };
  });
  await admin.setOffsets({ groupId: DLQ_HANDLED_GROUP, topic: dlq, partitions: moves.map((m) => ({ partition: m.partition, offset: m.to })) });
  return moves;
}
