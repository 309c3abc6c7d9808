/**
 * Fills the reporting read models of one brand at benchmark scale — a million members, two years
 * of daily rollups — directly with set-based SQL (replaying that many updates through the
 * projection would take hours). The rows have the shapes and cardinalities the projection writes,
 * so the list, lookup and health queries can be measured and EXPLAINed against them. Entries and
 * per-member activity rows (read only by the projection) are generated only with `--entries`.
 *
 *   pnpm tsx services/reporting/test/scale/generate-read-models.ts --database-url <runtime url> \
 *     --brand bench --members 1000000 [--entries-per-member 20] [--days 730]
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';

export interface GenerateOptions {
  brandId: string;
  members: number;
  /** Interaction entries per member (0: none; 20 gives the 20,000,000 at a million members). */
  entriesPerMember: number;
  days: number;
  /** The end of the generated history. */
  now: Date;
}

const H = 30 * 86_400;

export async function generateReadModels(client: Client, o: GenerateOptions): Promise<void> {
  const now = o.now.toISOString();
  const p = [o.brandId, o.members, now, o.days, H];
  // Members: first seen uniformly over the history, active some time after, values spread over
  // four orders of magnitude; 1 % teammates; stages and levels in realistic proportions.
  await client.query(
    `INSERT INTO relationships (brand_id, member_id, version, half_life_seconds, as_of, love, advocacy, gravity, love_key, advocacy_key,
            gravity_key, stage, level, platforms, is_team, converted, ever_engaged, ever_advocate, first_seen_at, last_active_at, updated_at, doc)
     SELECT $1, m.id, m.version, $5::float8, m.as_of, m.love, m.advocacy, m.gravity,
            CASE WHEN m.love > 0 THEN log(2, m.love::numeric)::float8 + extract(epoch FROM m.as_of)::float8 / $5::float8 ELSE '-Infinity' END,
            CASE WHEN m.advocacy > 0 THEN log(2, m.advocacy::numeric)::float8 + extract(epoch FROM m.as_of)::float8 / $5::float8 ELSE '-Infinity' END,
            CASE WHEN m.gravity > 0 THEN log(2, m.gravity::numeric)::float8 + extract(epoch FROM m.as_of)::float8 / $5::float8 ELSE '-Infinity' END,
            m.stage, m.level, ARRAY[m.platform], m.is_team, m.converted, m.stage IN ('engaged', 'advocate', 'at_risk'), m.stage = 'advocate',
            m.first_seen, m.as_of, m.as_of,
            jsonb_build_object('brandId', $1::text, 'memberId', m.id, 'version', m.version, 'modelVersion', 1, 'halfLifeSeconds', $5::int,
              'asOf', to_char(m.as_of AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'evaluatedAt', to_char(m.as_of AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'identities', jsonb_build_array(jsonb_build_object('platform', m.platform, 'platformId', m.id || '-' || m.platform)),
              'love', m.love, 'reach', 1, 'gravity', m.gravity, 'advocacy', m.advocacy, 'sentiment', 0.2, 'score', 100 * (1 - exp(-m.gravity / 60)),
              'level', m.level, 'stage', m.stage, 'following', true, 'converted', m.converted, 'isTeam', m.is_team,
              'reciprocity', jsonb_build_object('awaiting', 1, 'answered', 3, 'responseRate', 0.75, 'medianResponseSeconds', 3600),
              'counts', jsonb_build_object('comment', m.version, 'reaction', m.version * 2),
              'firstSeenAt', to_char(m.first_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'lastActiveAt', to_char(m.as_of AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
       FROM (SELECT 'm' || lpad(i::text, 8, '0') AS id, 1 + (i % 40) AS version,
                    $3::timestamptz - (random() * $4 * interval '1 day') AS first_seen,
                    $3::timestamptz - (random() * least($4, 90) * interval '1 day') AS as_of,
                    round((10 ^ (random() * 4 - 1))::numeric, 6)::float8 AS love,
                    CASE WHEN i % 10 = 0 THEN round((10 ^ (random() * 3 - 1))::numeric, 6)::float8 ELSE 0 END AS advocacy,
                    round((10 ^ (random() * 4 - 1) * 1.5)::numeric, 6)::float8 AS gravity,
                    (ARRAY['new','casual','casual','casual','engaged','engaged','advocate','at_risk','lapsed','lapsed'])[1 + (i % 10)] AS stage,
                    (ARRAY[4,4,4,4,4,3,3,3,2,1])[1 + (i * 7 % 10)] AS level,
                    (ARRAY['x','instagram','discord','github','reddit'])[1 + (i % 5)] AS platform,
                    i % 100 = 0 AS is_team, i % 17 = 0 AS converted
               FROM generate_series(1, $2::int) AS i) m`,
    p,
  );
  await client.query(
    `INSERT INTO identities (brand_id, platform, platform_id, member_id)
     SELECT brand_id, platforms[1], member_id || '-' || platforms[1], member_id FROM relationships WHERE brand_id = $1`, [o.brandId]);
  await client.query(
    `INSERT INTO stage_history (brand_id, member_id, version, at, stage, level, previous_stage, previous_level, cause)
     SELECT brand_id, member_id, v, first_seen_at + (v - 1) * interval '5 days', CASE v WHEN 1 THEN 'new' WHEN 2 THEN 'engaged' ELSE stage END,
            level, CASE WHEN v > 1 THEN 'new' END, CASE WHEN v > 1 THEN level END, 'interaction'
       FROM relationships, generate_series(1, 3) v WHERE brand_id = $1`, [o.brandId]);
  // Daily rollups over the history: interactions per type, engagement, response-time histograms,
  // acquisition, stage changes; activity per day/week/month and the cohort grid.
  const perDay = Math.max(1, Math.round((o.members * Math.max(o.entriesPerMember, 20)) / o.days));
  const q = [o.brandId, now, o.days, perDay];
  const days = `SELECT ($2::timestamptz AT TIME ZONE 'UTC')::date - d AS day FROM generate_series(0, $3::int - 1) d`;
  await client.query(`INSERT INTO daily_interactions (brand_id, day, type, n) SELECT $1, day, t, ($4::int * w)::bigint FROM (${days}) x,
    (VALUES ('reaction', 0.4), ('comment', 0.2), ('follow', 0.1), ('share', 0.1), ('mention', 0.1), ('message', 0.05), ('conversion', 0.05)) t(t, w)`, q);
  await client.query(`INSERT INTO daily_engagement (brand_id, day, awaiting, answered, positive, negative, with_sentiment)
    SELECT $1, day, ($4::int * 0.1)::bigint, ($4::int * 0.3)::bigint, ($4::int * 0.2)::bigint, ($4::int * 0.05)::bigint, ($4::int * 0.4)::bigint FROM (${days}) x`, q);
  for (const [g, unit] of [['day', 'day'], ['week', 'week'], ['month', 'month']] as const) {
    // Every bucket from 0 s to three days occupied: the most rows a period can have in practice.
    await client.query(`INSERT INTO response_times (brand_id, granularity, period_start, bucket, n)
      SELECT $1, $4, p, b, 1 + (b % 7) FROM (SELECT DISTINCT date_trunc('${unit}', day::timestamp)::date AS p FROM (${days}) x) y,
             generate_series(0, 32 + 230) b`, [o.brandId, now, o.days, g]);
  }
  await client.query(`INSERT INTO daily_revenue (brand_id, day, stage, currency, conversions, revenue)
    SELECT $1, day, s, 'EUR', 3, 149.7 FROM (${days}) x, unnest(ARRAY['new','casual','engaged','advocate']) s`, [o.brandId, now, o.days]);
  await client.query(`INSERT INTO daily_acquisition (brand_id, day, acquired, engaged, advocate, converted)
    SELECT brand_id, (first_seen_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE ever_engaged), count(*) FILTER (WHERE ever_advocate), count(*) FILTER (WHERE converted)
      FROM relationships WHERE brand_id = $1 AND NOT is_team GROUP BY 1, 2`, [o.brandId]);
  await client.query(`INSERT INTO daily_stage_changes (brand_id, dimension, value, day, n)
    SELECT brand_id, 'stage', stage, (as_of AT TIME ZONE 'UTC')::date, count(*) FROM relationships WHERE brand_id = $1 AND NOT is_team GROUP BY 1, 2, 3, 4
    UNION ALL SELECT brand_id, 'level', level::text, (as_of AT TIME ZONE 'UTC')::date, count(*) FROM relationships WHERE brand_id = $1 AND NOT is_team GROUP BY 1, 2, 3, 4`, [o.brandId]);
  const active = Math.round(o.members * 0.05);
  for (const [g, unit] of [['day', 'day'], ['week', 'week'], ['month', 'month']] as const) {
    await client.query(`INSERT INTO period_activity (brand_id, granularity, period_start, active, retained)
      SELECT DISTINCT ON (p) $1, $5, p, $4::int, ($4::int * 0.4)::bigint FROM (SELECT date_trunc('${unit}', day::timestamp)::date AS p FROM (${days}) x) y`, [o.brandId, now, o.days, active, g]);
    await client.query(`INSERT INTO cohort_activity (brand_id, granularity, cohort_start, period_start, active)
      SELECT $1, $4, c.p, q.p, 10 FROM (SELECT DISTINCT date_trunc('${unit}', day::timestamp)::date AS p FROM (${days}) x) c
        JOIN (SELECT DISTINCT date_trunc('${unit}', day::timestamp)::date AS p FROM (${days}) x) q ON q.p >= c.p
       WHERE $4 <> 'day' OR q.p = c.p`, [o.brandId, now, o.days, g]);
  }
  if (o.entriesPerMember > 0) {
    await client.query(`INSERT INTO entries (brand_id, source_id, event_id, member_id, type, direction, platform, occurred_at, weight, sentiment)
      SELECT r.brand_id, '', r.member_id || '-' || k, r.member_id, 'comment', 'inbound', r.platforms[1], r.first_seen_at + k * interval '1 day', 4, 0.1
        FROM relationships r, generate_series(1, $2::int) k WHERE r.brand_id = $1`, [o.brandId, o.entriesPerMember]);
  }
  await client.query('ANALYZE');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: {
    'database-url': { type: 'string' }, brand: { type: 'string', default: 'bench' }, members: { type: 'string', default: '1000000' },
    'entries-per-member': { type: 'string', default: '0' }, days: { type: 'string', default: '730' },
  } });
  if (values['database-url'] === undefined) throw new Error('--database-url (the reporting schema, runtime or owner role) is required');
  const client = new Client({ connectionString: values['database-url'] });
  await client.connect();
  const started = Date.now();
  try {
    await generateReadModels(client, {
      brandId: values.brand, members: Number(values.members), entriesPerMember: Number(values['entries-per-member']), days: Number(values.days), now: new Date(),
    });
  } finally {
    await client.end();
  }
  console.error(`generated ${values.members} members of ${values.brand} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
