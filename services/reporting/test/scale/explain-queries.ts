/**
 * EXPLAIN ANALYZE of the API's queries against read models at scale: the member list (default,
 * filtered, minScore, second page, every sort), the lookups and the health series. Each query is
 * run through the real store functions with a client that explains instead of executing; a
 * sequential scan of a per-member table (relationships, identities, stage_history) fails the run.
 *
 *   pnpm tsx services/reporting/test/scale/explain-queries.ts [--members 200000] [--keep]
 */
import { parseArgs } from 'node:util';
import { Client, type QueryConfig } from 'pg';
import { pino } from 'pino';
import { migrate, type Queryable } from '@rapport/kit/pg';
import { createTestDatabase } from '@rapport/testing';
import { MEMBER_SORTS } from '../../src/domain/cursor';
import { gravityForScore } from '../../src/domain/decay';
import { periodsBetween } from '../../src/domain/periods';
import { readHealthCounters } from '../../src/store/health-queries';
import { findMember, findMemberByIdentity, listMembers } from '../../src/store/member-queries';
import { MIGRATIONS_DIR } from '../reporting-database';
import { generateReadModels } from './generate-read-models';

interface Plan { 'Node Type': string; 'Relation Name'?: string; Plans?: Plan[]; 'Index Name'?: string }

const PER_MEMBER = new Set(['relationships', 'identities', 'stage_history', 'entries', 'period_members']);

function scans(plan: Plan, out: string[] = []): string[] {
  if (plan['Relation Name'] !== undefined) out.push(`${plan['Node Type']} ${plan['Relation Name']}${plan['Index Name'] ? ` (${plan['Index Name']})` : ''}`);
  for (const child of plan.Plans ?? []) scans(child, out);
  return out;
}

/** A client that answers every query with an empty result after EXPLAINing it. */
function explaining(client: Client, label: () => string, report: string[], failures: string[]): Queryable {
  return {
    async query(config: QueryConfig) {
      const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: Plan; 'Execution Time': number }> }>({
        text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${config.text}`, values: config.values ?? [],
      });
      const explained = rows[0]!['QUERY PLAN'][0]!;
      const tag = /\/\* (\S+) \*\//.exec(config.text)?.[1] ?? '?';
      const used = scans(explained.Plan);
      report.push(`${label().padEnd(34)} ${tag.padEnd(38)} ${explained['Execution Time'].toFixed(2).padStart(8)} ms  ${used.join(', ')}`);
      for (const s of used) if (s.startsWith('Seq Scan') && PER_MEMBER.has(s.split(' ')[2]!)) failures.push(`${label()} ${tag}: ${s}`);
      // Let the callers run on: real rows are not needed to explain the next query.
      return (await client.query(config)) as never;
    },
  };
}

const { values } = parseArgs({ options: { members: { type: 'string', default: '200000' }, keep: { type: 'boolean', default: false } } });
const members = Number(values.members);
const db = await createTestDatabase();
await migrate({ databaseUrl: db.urlFor('reporting', 'owner'), schema: 'reporting', dir: MIGRATIONS_DIR, logger: pino({ level: 'silent' }) });
const client = new Client({ connectionString: db.urlFor('reporting', 'owner') });
await client.connect();
const now = new Date();
const started = Date.now();
await generateReadModels(client, { brandId: 'bench', members, entriesPerMember: 0, days: 730, now });
// A second brand, so that every query has to pick its brand out of an index.
await generateReadModels(client, { brandId: 'other', members: Math.round(members / 10), entriesPerMember: 0, days: 730, now });
console.error(`generated ${members} + ${Math.round(members / 10)} members in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const report: string[] = [];
const failures: string[] = [];
let label = '';
const q = explaining(client, () => label, report, failures);
const asOfMs = now.getTime();
for (const sort of MEMBER_SORTS) {
  label = `list sort=${sort}`;
  const first = await listMembers(q, { brandId: 'bench', sort, limit: 50, asOfMs, includeTeam: false });
  const last = first.at(-1)!;
  label = `list sort=${sort} page 2`;
  await listMembers(q, { brandId: 'bench', sort, limit: 50, asOfMs, includeTeam: false, after: { key: last.key, memberId: last.memberId } });
}
for (const [name, extra] of [
  ['stage=advocate', { stage: 'advocate' as const }], ['level=1', { level: 1 }], ['platform=github', { platform: 'github' as const }],
  ['minScore=50', { minGravityLog2: Math.log2(gravityForScore(50)) }], ['updatedSince=-1h', { updatedSince: new Date(asOfMs - 3_600_000).toISOString() }],
  ['includeTeam', { includeTeam: true }],
] as const) {
  label = `list ${name}`;
  await listMembers(q, { brandId: 'bench', sort: '-score', limit: 50, asOfMs, includeTeam: false, ...extra });
}
label = 'member by id';
await findMember(q, 'bench', 'm00123456'.slice(0, 9));
label = 'member by identity';
await findMemberByIdentity(q, 'bench', 'x', `m${String(members - 4).padStart(8, '0')}-x`);
for (const interval of ['day', 'week', 'month'] as const) {
  label = `health 90 days by ${interval}`;
  await readHealthCounters(q, 'bench', interval, periodsBetween(new Date(asOfMs - 90 * 86_400_000), now, interval, now));
}
label = 'health 2 years by week';
await readHealthCounters(q, 'bench', 'week', periodsBetween(new Date(asOfMs - 730 * 86_400_000), now, 'week', now));
console.log(report.join('\n'));
await client.end();
if (!values.keep) await db.drop();
else console.error(`kept database ${db.database}`);
if (failures.length > 0) {
  console.error(`sequential scans of per-member tables:\n${failures.join('\n')}`);
  process.exitCode = 1;
}
