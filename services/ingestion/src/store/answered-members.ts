import { q, type Queryable } from '@rapport/kit/pg';

/**
 * The member (platform id) of each of a source's accepted events among `eventIds`: whom a brand's
 * answer answers, when its payload does not say. One query for the whole payload.
 */
export async function membersOfAcceptedEvents(db: Queryable, sourceId: string, eventIds: readonly string[]): Promise<Map<string, string>> {
  if (eventIds.length === 0) return new Map();
  const { rows } = await q<{ event_id: string; member_platform_id: string }>(
    db,
    'ingestion:members-of-accepted-events',
    `SELECT event_id, member_platform_id FROM accepted_events
      WHERE source_id = $1 AND event_id = ANY($2::text[]) AND member_platform_id IS NOT NULL`,
    [sourceId, [...new Set(eventIds)]],
  );
  return new Map(rows.map((r) => [r.event_id, r.member_platform_id]));
}
