import type { IHeaders } from 'kafkajs';
import { fromDlqHeaders, type DeadLetterInfo } from '@rapport/contracts';

/** One record of a `<topic>.dlq`, as read back. */
export interface DeadLetter {
  partition: number;
  /** Offset in the dead-letter topic (what `--from-offset` and `dlq ack --to-offset` mean). */
  offset: string;
  /** When it was dead-lettered: the dead-letter record's own timestamp, ms since the epoch. */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** Which dead letters a replay takes; every given criterion must hold. */
export interface DeadLetterSelection {
  /** Part of `dlq_reason` ("invalid JSON", "schema"…). */
  reason?: string;
  /** Dead-lettered at or after. */
  since?: Date;
  /** Dead-lettered before. */
  until?: Date;
  /** From this offset of the dead-letter topic on, in every partition. */
  fromOffset?: bigint;
}

export function provenanceOf(record: DeadLetter): DeadLetterInfo | undefined {
  const read = fromDlqHeaders(record.headers);
  return read.ok ? read.value : undefined;
}

export function isSelected(record: DeadLetter, selection: DeadLetterSelection): boolean {
  const time = Number(record.timestamp);
  if (selection.since !== undefined && time < selection.since.getTime()) return false;
  if (selection.until !== undefined && time >= selection.until.getTime()) return false;
  if (selection.fromOffset !== undefined && BigInt(record.offset) < selection.fromOffset) return false;
  if (selection.reason !== undefined && !(provenanceOf(record)?.reason ?? '').includes(selection.reason)) return false;
  return true;
}

/**
 * What goes back to the original topic: the key, value and headers as first sent, without the
 * provenance headers (a record that fails again is dead-lettered with fresh ones).
 */
export function replayedMessage(record: DeadLetter): { key: Buffer | null; value: Buffer | null; headers: IHeaders } {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (!name.startsWith('dlq_') && value !== undefined) headers[name] = value;
  }
  return { key: record.key, value: record.value, headers };
}

/** Counts by reason, most frequent first. */
export function countByReason(records: readonly DeadLetter[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const record of records) {
    const reason = provenanceOf(record)?.reason ?? '(no provenance headers)';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
