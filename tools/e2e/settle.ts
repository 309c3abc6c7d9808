import type { Pool } from 'pg';

// When the system has done everything it will do with what it was sent: nothing waits in an
// outbox, scoring holds every event ingestion stored, reporting recorded every event scoring
// applied and holds each relationship's latest version. Read from the schemas with the admin
// role, so that the answer does not depend on the code under test.

export interface Backlog {
  ingestionOutbox: number;
  scoringOutbox: number;
  ingested: number;
  scored: number;
  recorded: number;
  /** Relationships whose latest version reporting does not hold yet. */
  staleRelationships: number;
}

export async function readBacklog(admin: Pool): Promise<Backlog> {
  const { rows } = await admin.query<Record<keyof Backlog, string>>(
    `/* e2e:backlog */ SELECT
       (SELECT count(*) FROM ingestion.outbox) AS "ingestionOutbox",
       (SELECT count(*) FROM scoring.outbox) AS "scoringOutbox",
       (SELECT count(*) FROM ingestion.accepted_events) AS ingested,
       (SELECT count(*) FROM scoring.events) AS scored,
       (SELECT count(*) FROM reporting.entries) AS recorded,
       (SELECT count(*) FROM scoring.relationships s
          LEFT JOIN reporting.relationships r USING (brand_id, member_id)
         WHERE s.version > 0 AND (r.version IS NULL OR r.version < s.version)) AS "staleRelationships"`,
  );
  const row = rows[0]!;
  return {
    ingestionOutbox: Number(row.ingestionOutbox),
    scoringOutbox: Number(row.scoringOutbox),
    ingested: Number(row.ingested),
    scored: Number(row.scored),
    recorded: Number(row.recorded),
    staleRelationships: Number(row.staleRelationships),
  };
}

export function isSettled(b: Backlog): boolean {
  return b.ingestionOutbox === 0 && b.scoringOutbox === 0 && b.scored === b.ingested && b.recorded === b.scored && b.staleRelationships === 0;
}

export interface SettleResult {
  settled: boolean;
  waitedMs: number;
  backlog: Backlog;
}

/**
 * Polls until the backlog is settled twice in a row (an update in flight between two statements
 * cannot fake it), or the timeout passes: then the last backlog says where work stopped.
 */
export async function waitUntilSettled(admin: Pool, timeoutMs: number, pollMs = 250): Promise<SettleResult> {
  const started = Date.now();
  let streak = 0;
  for (;;) {
    let backlog: Backlog | undefined;
    try {
      backlog = await readBacklog(admin);
    } catch {
      backlog = undefined; // Postgres restarting (a fault case): ask again
    }
    streak = backlog !== undefined && isSettled(backlog) ? streak + 1 : 0;
    const waitedMs = Date.now() - started;
    if (backlog !== undefined && (streak >= 2 || waitedMs > timeoutMs)) return { settled: streak >= 2, waitedMs, backlog };
    if (waitedMs > timeoutMs * 2) throw new Error('the database did not answer while waiting for the system to settle');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
